package dev.regionfailover.workflows.pins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RepinEntitiesWorkflowTest {

  private static final Pins PINS =
      new Pins("orders-tenants", "homeRegion", "homeRegion-index", "version", 4, 99);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RepinEntitiesWorkflowImpl.class, ProgressListenerImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void segmentsRunInParallelAndTheResultSumsThem(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakePinActivities fake =
        new FakePinActivities(
            env, new long[] {300, 250, 310, 0}, 100, Duration.ofMillis(200), Duration.ZERO);
    worker.registerActivitiesImplementations(fake);
    env.start();

    RepinSummary summary = start(client, worker, "repin-orders").run(plan(null, 0));

    // A segment with nothing to move still reads the index to its end, alongside the others.
    assertThat(fake.maxInFlight()).isEqualTo(4);
    assertThat(summary.moved()).isEqualTo(860);
    assertThat(summary.total()).isEqualTo(860);
    assertThat(summary.runs()).isEqualTo(1);
    // Per call the fake counts one retry and one write besides the moves.
    assertThat(summary.retried()).isEqualTo(fake.calls());
    assertThat(summary.writes()).isEqualTo(860 + fake.calls());
    assertThat(fake.counts()).isEqualTo(2);
  }

  @Test
  void progressIsQueryableWhileSegmentsRun(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    FakePinActivities fake =
        new FakePinActivities(
                env, new long[] {200, 200, 200, 200}, 100, Duration.ZERO, Duration.ZERO)
            .held();
    worker.registerActivitiesImplementations(fake);
    env.start();
    RepinEntitiesWorkflow repin = start(client, worker, "repin-orders");
    CompletableFuture<RepinSummary> result = WorkflowClient.execute(repin::run, plan(null, 0));

    RepinProgress halfway = awaitMoved(repin, 400);
    fake.release();
    result.get(30, TimeUnit.SECONDS);
    RepinProgress end = repin.progress();

    assertThat(halfway.total()).isEqualTo(800);
    assertThat(halfway.remaining()).isEqualTo(400);
    assertThat(halfway.segments()).isEqualTo(4);
    assertThat(halfway.segmentsDone()).isZero();
    assertThat(end.moved()).isEqualTo(800);
    assertThat(end.remaining()).isZero();
    assertThat(end.segmentsDone()).isEqualTo(4);
  }

  @Test
  void progressSignalsAreThrottledAndTheLastSaysDone(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // 4 segments x 50 calls, each taking 7 s of workflow time: about six minutes in all.
    FakePinActivities fake =
        new FakePinActivities(
            env, new long[] {500, 500, 500, 500}, 10, Duration.ZERO, Duration.ofSeconds(7));
    worker.registerActivitiesImplementations(fake);
    env.start();
    ProgressListener parent =
        client.newWorkflowStub(
            ProgressListener.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("failover-orders")
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(parent::listen);

    RepinSummary summary = start(client, worker, "repin-orders").run(plan("failover-orders", 0));
    List<RepinProgress> received = parent.received();

    assertThat(summary.moved()).isEqualTo(2000);
    assertThat(received.size()).isBetween(3, 101);
    for (int i = 1; i < received.size() - 1; i++) {
      assertThat(received.get(i).updatedAtMillis() - received.get(i - 1).updatedAtMillis())
          .as("gap before signal %s", i)
          .isGreaterThanOrEqualTo(30_000);
      assertThat(received.get(i).moved()).isGreaterThan(received.get(i - 1).moved());
    }
    RepinProgress last = received.get(received.size() - 1);
    assertThat(last.moved()).isEqualTo(2000);
    assertThat(last.remaining()).isZero();
    assertThat(last.etaSeconds()).isZero();
    assertThat(last.segmentsDone()).isEqualTo(4);
    assertThat(received.get(0).ratePerSecond()).isPositive();
    assertThat(received.get(0).etaSeconds()).isPositive();
  }

  @Test
  void aProgressWorkflowThatIsGoneDoesNotFailTheRepin(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakePinActivities fake =
        new FakePinActivities(env, new long[] {50, 50, 50, 50}, 50, Duration.ZERO, Duration.ZERO);
    worker.registerActivitiesImplementations(fake);
    env.start();

    RepinSummary summary =
        start(client, worker, "repin-orders").run(plan("failover-that-never-ran", 0));

    assertThat(summary.moved()).isEqualTo(200);
  }

  @Test
  void aLongRepinContinuesAsNewWithItsCheckpointsAndKeepsEachRunSmall(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakePinActivities fake =
        new FakePinActivities(
            env, new long[] {400, 400, 400, 400}, 5, Duration.ZERO, Duration.ZERO);
    worker.registerActivitiesImplementations(fake);
    env.start();

    RepinSummary summary = start(client, worker, "repin-orders").run(plan(null, 100));

    assertThat(fake.broken()).isEmpty();
    assertThat(summary.moved()).isEqualTo(1600);
    assertThat(summary.total()).isEqualTo(1600);
    assertThat(summary.runs()).isGreaterThan(3);
    assertThat(summary.retried()).isEqualTo(fake.calls());
    // Only the first run counts before moving; the last counts what is left.
    assertThat(fake.counts()).isEqualTo(2);
    WorkflowExecutionHistory last = client.fetchHistory("repin-orders");
    assertThat(last.getHistory().getEventsCount()).isLessThan(200);
    assertThat(last.getEvents().get(0).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(
            last.getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId())
        .isNotEmpty();
  }

  @Test
  void entitiesWrittenBehindTheCursorsAreMovedInAnotherRound(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakePinActivities fake =
        new FakePinActivities(
                env, new long[] {100, 100, 100, 100}, 100, Duration.ZERO, Duration.ZERO)
            .appearingAfterThePass(7);
    worker.registerActivitiesImplementations(fake);
    env.start();

    RepinSummary summary = start(client, worker, "repin-orders").run(plan(null, 0));

    assertThat(summary.moved()).isEqualTo(407);
    assertThat(summary.total()).isEqualTo(407);
    assertThat(fake.counts()).isEqualTo(3);
  }

  private static RepinPlan plan(String progressWorkflowId, int maxHistoryEvents) {
    return new RepinPlan(
        "orders",
        PINS,
        "us-west-2",
        "us-east-1",
        "us-west-2",
        "failover-authority",
        progressWorkflowId,
        null,
        null,
        maxHistoryEvents);
  }

  private static RepinEntitiesWorkflow start(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        RepinEntitiesWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowExecutionTimeout(Duration.ofHours(1))
            .build());
  }

  private static RepinProgress awaitMoved(RepinEntitiesWorkflow repin, long moved)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      RepinProgress progress = repin.progress();
      if (progress.moved() >= moved) {
        return progress;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never moved " + moved);
  }
}
