package dev.regionfailover.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

@ExtendWith(AwsStackExtension.class)
class AwsClientsTest {

  @Test
  void clientsAreCachedPerRegionAndReachTheEndpoint(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      assertThat(clients.ssm("us-east-1")).isSameAs(clients.ssm("us-east-1"));
      assertThat(clients.ssm("us-west-2")).isNotSameAs(clients.ssm("us-east-1"));
      assertThat(clients.route53()).isSameAs(clients.route53());

      clients.ssm("us-west-2").putParameter(b -> b.name("/orders/flag").value("on").type("String"));

      assertThat(
              clients
                  .ssm("us-west-2")
                  .getParameter(b -> b.name("/orders/flag"))
                  .parameter()
                  .value())
          .isEqualTo("on");
      // Regions are separate in the emulator as in AWS: the client really signs for its region.
      assertThatThrownBy(() -> clients.ssm("us-east-1").getParameter(b -> b.name("/orders/flag")))
          .isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void arcClientsAreCachedPerClusterEndpoint(AwsStack stack) {
    URI east = URI.create("https://host-a.route53-recovery-cluster.us-east-1.amazonaws.com/v1");
    URI west = URI.create("https://host-b.route53-recovery-cluster.us-west-2.amazonaws.com/v1");
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      assertThat(clients.arc(east, "us-east-1")).isSameAs(clients.arc(east, "us-east-1"));
      assertThat(clients.arc(west, "us-west-2")).isNotSameAs(clients.arc(east, "us-east-1"));
      assertThat(clients.globalAccelerator()).isSameAs(clients.globalAccelerator());
    }
  }

  @Test
  void arcRequestsGoToTheOverrideThenTheVariablesThenTheClusterEndpoint() {
    URI cluster = URI.create("https://host-a.route53-recovery-cluster.us-east-1.amazonaws.com/v1");
    URI override = URI.create("http://127.0.0.1:4566");
    Map<String, String> both =
        Map.of(
            "AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CLUSTER", "http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:6000");

    assertThat(AwsClients.arcEndpoint(cluster, Optional.of(override), both::get))
        .isEqualTo(override);
    assertThat(AwsClients.arcEndpoint(cluster, Optional.empty(), both::get))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(
            AwsClients.arcEndpoint(
                cluster,
                Optional.empty(),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:6000")::get))
        .isEqualTo(URI.create("http://127.0.0.1:6000"));
    assertThat(
            AwsClients.arcEndpoint(cluster, Optional.empty(), Map.of("AWS_ENDPOINT_URL", " ")::get))
        .isEqualTo(cluster);
  }

  @Test
  void closedClientsRefuseNewWork(AwsStack stack) {
    AwsClients clients = EmulatedAws.clients(stack);
    clients.dynamo("us-east-1");
    clients.close();

    assertThatThrownBy(() -> clients.dynamo("us-east-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void defaultsUseTheDefaultChainAndBoundedCalls() {
    AwsSettings defaults = AwsSettings.defaults();

    assertThat(defaults.endpointOverride()).isEmpty();
    assertThat(defaults.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.maxAttempts()).isEqualTo(4);
    assertThatThrownBy(
            () ->
                new AwsSettings(
                    defaults.endpointOverride(),
                    defaults.credentials(),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiCallAttemptTimeout");
  }
}
