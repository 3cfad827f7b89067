package dev.regionfailover.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes.Builder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awaiting-approval gauge against the real Temporal dev server's visibility store. The
 * workflows are started on a task queue no worker polls, with the search attributes a failover
 * upserts, so that each stays in the phase it was given.
 */
class AwaitingApprovalTest {

  private static final Duration VISIBILITY_DEADLINE = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TemporalDevServer temporal;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private AwaitingApproval gauge;

  @BeforeEach
  void setUp() {
    temporal = TemporalForTesting.devServer();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client = WorkflowClient.newInstance(service);
    gauge = new AwaitingApproval(registry, client, () -> List.of("orders", "payments", "billing"));
  }

  @AfterEach
  void tearDown() {
    gauge.close();
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void eachAppIsOneWhileAFailoverOfItWaitsForApprovalAndZeroOnceItNoLongerRuns() {
    WorkflowStub orders = start("orders", Phase.AWAIT_APPROVAL);
    start("payments", Phase.FENCE);
    start("inventory", Phase.AWAIT_APPROVAL);

    awaitGauges(Map.of("orders", 1.0, "payments", 0.0, "billing", 0.0, "inventory", 1.0));

    // A failover terminated while it waited no longer counts, as a gauge set by workflow code
    // would.
    orders.terminate("test");
    awaitGauges(Map.of("orders", 0.0, "payments", 0.0, "billing", 0.0, "inventory", 1.0));
  }

  private WorkflowStub start(String app, Phase phase) {
    Builder attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.FAILOVER_APP, app)
            .set(SearchAttributes.FAILOVER_PHASE, phase.name());
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "RegionFailover",
            WorkflowOptions.newBuilder()
                .setWorkflowId("failover-" + app)
                .setTaskQueue("no-worker-polls-this")
                .setTypedSearchAttributes(attributes.build())
                .build());
    stub.start();
    return stub;
  }

  private void awaitGauges(Map<String, Double> expected) {
    long deadline = System.nanoTime() + VISIBILITY_DEADLINE.toNanos();
    Map<String, Double> actual = Map.of();
    while (System.nanoTime() < deadline) {
      gauge.refresh();
      actual = gauges();
      if (actual.equals(expected)) {
        return;
      }
      sleep();
    }
    assertThat(actual).isEqualTo(expected);
  }

  private Map<String, Double> gauges() {
    Map<String, Double> values = new TreeMap<>();
    registry
        .find(AwaitingApproval.GAUGE)
        .gauges()
        .forEach(g -> values.put(g.getId().getTag("app"), g.value()));
    return values;
  }

  private static void sleep() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
