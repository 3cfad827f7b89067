package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static dev.regionfailover.workflows.failover.FailoverHarness.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failover's own metrics, read from a registry behind the test environment's metrics scope.
 * Durations are workflow time, which the time-skipping test server moves on by the waits below.
 */
class FailoverMetricsTest {

  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static final Scope scope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setMetricsScope(scope)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private TestWorkflowEnvironment env;
  private FailoverHarness harness;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    registry.clear();
    this.env = env;
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void anUnplannedFailoverReportsItsPhasesItsWaitsForHumansAndItsOutcome() throws Exception {
    mocks.sourceUnreachable();
    RegionFailoverWorkflow failover =
        harness.start(
            "failover-orders",
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", "carol"));
    harness.awaitWaitingFor(failover, "are isolated");
    env.sleep(Duration.ofMinutes(7));
    failover.confirmFenced(new ConfirmFencedSignal("dave", "cut off"));
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    env.sleep(Duration.ofMinutes(20));
    failover.approvePromotion(new ApprovalSignal("alice", "data loss accepted"));
    failover.approvePromotion(new ApprovalSignal("bob", "data loss accepted"));

    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    // Counters reach the registry at the scope's next report.
    Thread.sleep(200);

    assertThat(
            registry
                .get(FailoverMetrics.FAILOVERS)
                .tags("app", "orders", "mode", "UNPLANNED", "outcome", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(waited(FailoverMetrics.CONFIRM_FENCED).count()).isEqualTo(1);
    assertThat(waited(FailoverMetrics.CONFIRM_FENCED).totalTime(TimeUnit.MINUTES))
        .isBetween(7.0, 8.0);
    assertThat(waited(FailoverMetrics.APPROVAL).totalTime(TimeUnit.MINUTES)).isBetween(20.0, 21.0);
    assertThat(phase(Phase.FENCE).totalTime(TimeUnit.MINUTES)).isBetween(7.0, 8.0);
    assertThat(phase(Phase.AWAIT_APPROVAL).totalTime(TimeUnit.MINUTES)).isBetween(20.0, 21.0);
    for (Phase phase :
        new Phase[] {
          Phase.ASSESS, Phase.SHIFT, Phase.PROMOTE, Phase.REPIN, Phase.ACTIVATE, Phase.RECONCILE
        }) {
      assertThat(phase(phase).count()).as("phase %s timed", phase).isEqualTo(1);
    }
    assertThat(registry.find(FailoverMetrics.PHASE).tag("phase", "COMPLETED").timer())
        .as("the final phase is not timed")
        .isNull();
  }

  @Test
  void aDeniedFailoverCountsAsAborted() throws Exception {
    RegionFailoverWorkflow failover =
        harness.start(
            "failover-orders",
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "rotation", "carol"));
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.denyPromotion(new DenialSignal("bob", "not now"));

    assertThat(result(failover).outcome()).isEqualTo(Phase.ABORTED);
    Thread.sleep(200);

    assertThat(
            registry
                .get(FailoverMetrics.FAILOVERS)
                .tags("app", "orders", "mode", "PLANNED", "outcome", "ABORTED")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(waited(FailoverMetrics.APPROVAL).count()).isEqualTo(1);
    assertThat(registry.find(FailoverMetrics.WAITING).tag("waiting_for", "confirm_fenced").timer())
        .isNull();
  }

  private static Timer waited(String waitingFor) {
    return registry.get(FailoverMetrics.WAITING).tag("waiting_for", waitingFor).timer();
  }

  private static Timer phase(Phase phase) {
    return registry.get(FailoverMetrics.PHASE).tag("phase", phase.name()).timer();
  }
}
