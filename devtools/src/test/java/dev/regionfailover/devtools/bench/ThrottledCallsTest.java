package dev.regionfailover.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottledCallsTest {

  @Test
  void sumsTheCallsThatEndedThrottledAndNothingElse() {
    String exposition =
        """
        # HELP region_failover_aws_calls_total AWS API calls
        # TYPE region_failover_aws_calls_total counter
        region_failover_aws_calls_total{operation="ChangeResourceRecordSets",outcome="throttled",service="Route 53"} 2.0
        region_failover_aws_calls_total{operation="ChangeResourceRecordSets",outcome="success",service="Route 53"} 40.0
        region_failover_aws_calls_total{operation="UpdateEndpointGroup",outcome="throttled",service="Global Accelerator"} 1.0
        region_failover_aws_throttles_total{operation="ChangeResourceRecordSets",service="Route 53"} 9.0
        """;

    assertThat(ThrottledCalls.count(exposition)).isEqualTo(3);
    assertThat(ThrottledCalls.count("")).isZero();
  }
}
