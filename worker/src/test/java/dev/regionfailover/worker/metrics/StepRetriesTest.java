package dev.regionfailover.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepRetriesTest {

  @Test
  void theAppIsWhatFollowsTheKindInTheWorkflowId() {
    assertThat(StepRetries.app("failover-orders")).isEqualTo("orders");
    assertThat(StepRetries.app("repin-order-book")).isEqualTo("order-book");
    assertThat(StepRetries.app("monitor-payments")).isEqualTo("payments");
    assertThat(StepRetries.app("custom")).isEqualTo("unknown");
    assertThat(StepRetries.app("trailing-")).isEqualTo("unknown");
    assertThat(StepRetries.app(null)).isEqualTo("unknown");
  }
}
