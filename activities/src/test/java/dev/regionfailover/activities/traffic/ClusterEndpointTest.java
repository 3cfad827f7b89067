package dev.regionfailover.activities.traffic;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClusterEndpointTest {

  @Test
  void theRegionIsTheLabelAfterTheServiceName() {
    String url = "https://host-dzdjz3jm.route53-recovery-cluster.ap-southeast-2.amazonaws.com/v1";

    ClusterEndpoint endpoint = ClusterEndpoint.parse(url);

    assertThat(endpoint.uri()).isEqualTo(URI.create(url));
    assertThat(endpoint.region()).isEqualTo("ap-southeast-2");
    assertThat(endpoint).hasToString(url + " (ap-southeast-2)");
  }

  @Test
  void anEndpointWithoutARegionIsRefusedNamingIt() {
    ApplicationFailure failure =
        nonRetryable(() -> ClusterEndpoint.parse("https://arc.example.com/v1"));

    assertThat(failure.getType()).isEqualTo(TrafficFailures.NOT_CONFIGURED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "ARC cluster endpoint https://arc.example.com/v1 is invalid: its host has no region"
                + " after route53-recovery-cluster (expected"
                + " host.route53-recovery-cluster.REGION.amazonaws.com)");
    assertThat(nonRetryable(() -> ClusterEndpoint.parse("host-a")).getOriginalMessage())
        .isEqualTo("ARC cluster endpoint host-a is invalid: it has no scheme or host");
  }
}
