package dev.regionfailover.workflows.rehearsal;

import static dev.regionfailover.workflows.rehearsal.FakeDrillFailover.TRAFFIC_SHIFTED_AFTER_MILLIS;
import static dev.regionfailover.workflows.rehearsal.FakeDrillFailover.WRITE_UNAVAILABLE_MILLIS;
import static dev.regionfailover.workflows.rehearsal.FakeReadinessCheck.EAST;
import static dev.regionfailover.workflows.rehearsal.FakeReadinessCheck.WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's branching and figures, with fake ReadinessCheck and RegionFailover children on
 * the real task queue and skipped time.
 */
class SwitchoverRehearsalWorkflowTest {

  private static final String ID = "rehearsal-orders";

  /** Skipped time still advances by the real milliseconds a workflow task takes. */
  private static final long SLACK_MILLIS = 1_000;

  private final List<String> readinessCalls = new ArrayList<>();
  private final List<String> failoverCalls = new ArrayList<>();
  private TestWorkflowEnvironment env;

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void switchesOverHoldsWithHealthChecksAndSwitchesBack() {
    start(Set.of(), 0L, null);

    RehearsalResult result = result(run(request("PT10M", "PT4M", false)));

    assertThat(failoverCalls)
        .containsExactly(
            "failover-orders DRILL -> us-west-2 by carol: rehearsal rehearsal-orders: switch over"
                + " to us-west-2 (quarterly drill)",
            "failover-orders DRILL -> us-east-1 by carol: rehearsal rehearsal-orders: switch back"
                + " to us-east-1 (quarterly drill)");
    // Readiness of the way out, then at each interval of the hold the way back: 4 + 4 + 2 minutes.
    assertThat(readinessCalls)
        .containsExactly(
            "rehearsal-orders-readiness -> us-west-2",
            "rehearsal-orders-health-1 -> us-east-1",
            "rehearsal-orders-health-2 -> us-east-1",
            "rehearsal-orders-health-3 -> us-east-1");
    assertThat(result.outcome()).isEqualTo(RehearsalPhase.COMPLETED);
    assertThat(result.sourceRegion()).isEqualTo(EAST);
    assertThat(result.targetRegion()).isEqualTo(WEST);
    assertThat(result.writerRegion()).isEqualTo(EAST);
    assertThat(result.holdFor()).isEqualTo("PT10M");
    assertThat(result.healthChecks()).isEqualTo(3);
    assertThat(result.healthFindings())
        .singleElement()
        .satisfies(f -> assertThat(f.check()).isEqualTo("record-ttl"));
    assertThat(result.rpoSeconds()).isZero();
    assertThat(result.switchover().fromRegion()).isEqualTo(EAST);
    assertThat(result.switchover().toRegion()).isEqualTo(WEST);
    assertThat(result.switchover().trafficShiftedAfterMillis())
        .isBetween(TRAFFIC_SHIFTED_AFTER_MILLIS, TRAFFIC_SHIFTED_AFTER_MILLIS + SLACK_MILLIS);
    assertThat(result.switchover().writeUnavailableMillis())
        .isBetween(WRITE_UNAVAILABLE_MILLIS, WRITE_UNAVAILABLE_MILLIS + SLACK_MILLIS);
    assertThat(result.switchBack().toRegion()).isEqualTo(EAST);
    assertThat(result.switchBack().writeUnavailableMillis())
        .isBetween(WRITE_UNAVAILABLE_MILLIS, WRITE_UNAVAILABLE_MILLIS + SLACK_MILLIS);
    assertThat(result.switchBack().rpoSeconds()).isZero();
    assertThat(result.writeUnavailableMillis())
        .isBetween(WRITE_UNAVAILABLE_MILLIS, WRITE_UNAVAILABLE_MILLIS + SLACK_MILLIS);
    // Readiness takes no workflow time here, so traffic shifts when the failover's SHIFT ends.
    assertThat(result.startToTrafficShiftedMillis())
        .isBetween(TRAFFIC_SHIFTED_AFTER_MILLIS, TRAFFIC_SHIFTED_AFTER_MILLIS + SLACK_MILLIS);
    assertThat(result.steps())
        .extracting(RehearsalStep::name, RehearsalStep::state)
        .containsExactly(
            tuple("check readiness", StepState.DONE),
            tuple("switch over to us-west-2", StepState.DONE),
            tuple("hold in us-west-2", StepState.DONE),
            tuple("health check 1", StepState.DONE),
            tuple("health check 2", StepState.DONE),
            tuple("health check 3", StepState.DONE),
            tuple("switch back to us-east-1", StepState.DONE));
    RehearsalStep hold = result.steps().get(2);
    assertThat(hold.durationMillis())
        .isBetween(
            Duration.ofMinutes(10).toMillis(), Duration.ofMinutes(10).toMillis() + SLACK_MILLIS);
    assertThat(result.totalMillis())
        .isBetween(
            Duration.ofMinutes(10).toMillis() + 2 * FakeDrillFailover.TOTAL_MILLIS,
            Duration.ofMinutes(10).toMillis() + 2 * FakeDrillFailover.TOTAL_MILLIS + SLACK_MILLIS);
    assertThat(result.summary())
        .contains("handed it back to us-east-1")
        .containsPattern("writes unavailable for 90\\d\\d ms")
        .contains("RPO 0 s");
  }

  @Test
  void rotationStaysInTheTarget() {
    start(Set.of(), 0L, null);

    RehearsalResult result = result(run(request("PT1M", null, true)));

    assertThat(failoverCalls).singleElement().asString().contains("DRILL -> us-west-2");
    assertThat(result.writerRegion()).isEqualTo(WEST);
    assertThat(result.switchBack()).isNull();
    assertThat(result.healthChecks()).isEqualTo(1);
    assertThat(result.summary()).contains("keeps it (rotation)");
  }

  @Test
  void aFailedReadinessFindingStopsBeforeAnyFailover() {
    start(Set.of(1), 0L, null);
    SwitchoverRehearsalWorkflow rehearsal = run(request("PT10M", null, false));

    ApplicationFailure failure = failure(rehearsal);

    assertThat(failure.getType()).isEqualTo("NotReady");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("us-west-2 is not ready to take over orders")
        .contains(FakeReadinessCheck.BROKEN.describe());
    assertThat(failoverCalls).isEmpty();
    RehearsalStatus status = rehearsal.status();
    assertThat(status.phase()).isEqualTo(RehearsalPhase.FAILED);
    assertThat(status.steps())
        .singleElement()
        .extracting(RehearsalStep::state)
        .isEqualTo(StepState.FAILED);
  }

  @Test
  void aFailedHealthCheckDuringTheHoldFailsWithoutSwitchingBack() {
    start(Set.of(3), 0L, null);

    ApplicationFailure failure = failure(run(request("PT10M", "PT5M", false)));

    assertThat(failure.getType()).isEqualTo("NotReady");
    assertThat(failure.getOriginalMessage())
        .startsWith("health check 2: us-east-1 is not ready to take over orders");
    assertThat(failoverCalls).singleElement().asString().contains("-> us-west-2");
  }

  @Test
  void aNonZeroRpoFailsLoudly() {
    start(Set.of(), 3L, null);

    ApplicationFailure failure = failure(run(request("PT10M", null, false)));

    assertThat(failure.getType()).isEqualTo("RpoNotZero");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("reported an RPO of 3 s")
        .contains("us-west-2 writes now");
    assertThat(readinessCalls).hasSize(1);
  }

  @Test
  void aFailedFailoverFailsTheRehearsalNamingTheStep() {
    start(Set.of(), 0L, "promote aurora: SwitchoverGlobalCluster refused");

    ApplicationFailure failure = failure(run(request("PT10M", null, false)));

    assertThat(failure.getType()).isEqualTo("RehearsalFailed");
    assertThat(failure.getOriginalMessage())
        .startsWith("switch over to us-west-2 failed (workflow failover-orders)")
        .contains("promote aurora: SwitchoverGlobalCluster refused")
        .contains("./failover status orders");
  }

  @Test
  void anInvalidRequestFailsNamingEveryField() {
    start(Set.of(), 0L, null);

    ApplicationFailure failure =
        failure(
            run(
                new RehearsalRequest(
                    "orders", "us-west-9", "10m", null, true, true, null, "carol")));

    assertThat(failure.getType()).isEqualTo("InvalidRehearsalRequest");
    assertThat(failure.getOriginalMessage())
        .contains("\"targetRegion\" is us-west-9, not an AWS region")
        .contains("\"holdFor\" is 10m, not an ISO-8601 duration")
        .contains("they contradict each other");
    assertThat(readinessCalls).isEmpty();
  }

  @Test
  void statusShowsTheHoldWithTheSwitchOverFigures() {
    start(Set.of(), 0L, null);
    SwitchoverRehearsalWorkflow rehearsal = run(request("PT30M", "PT10M", false));

    RehearsalStatus status = awaitPhase(rehearsal, RehearsalPhase.HOLD);

    assertThat(status.app()).isEqualTo("orders");
    assertThat(status.sourceRegion()).isEqualTo(EAST);
    assertThat(status.holdUntil()).isNotNull();
    assertThat(status.switchover().writeUnavailableMillis())
        .isBetween(WRITE_UNAVAILABLE_MILLIS, WRITE_UNAVAILABLE_MILLIS + SLACK_MILLIS);
    assertThat(status.switchBack()).isNull();
    assertThat(status.outcome()).isNull();
    assertThat(result(rehearsal).outcome()).isEqualTo(RehearsalPhase.COMPLETED);
  }

  private void start(Set<Integer> failingReadiness, Long rpoSeconds, String failoverFailure) {
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerIn(env);
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SwitchoverRehearsalWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(
        ReadinessCheckWorkflow.class,
        () -> new FakeReadinessCheck(readinessCalls, failingReadiness));
    worker.registerWorkflowImplementationFactory(
        RegionFailoverWorkflow.class,
        () -> new FakeDrillFailover(failoverCalls, rpoSeconds, failoverFailure));
    env.start();
  }

  private SwitchoverRehearsalWorkflow run(RehearsalRequest request) {
    WorkflowClient client = env.getWorkflowClient();
    SwitchoverRehearsalWorkflow rehearsal =
        client.newWorkflowStub(
            SwitchoverRehearsalWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(ID)
                .build());
    WorkflowClient.start(rehearsal::run, request);
    return rehearsal;
  }

  private static RehearsalRequest request(String holdFor, String checkEvery, boolean rotate) {
    return new RehearsalRequest(
        "orders", WEST, holdFor, checkEvery, null, rotate, "quarterly drill", "carol");
  }

  private static RehearsalResult result(SwitchoverRehearsalWorkflow rehearsal) {
    return WorkflowStub.fromTyped(rehearsal).getResult(RehearsalResult.class);
  }

  private static ApplicationFailure failure(SwitchoverRehearsalWorkflow rehearsal) {
    WorkflowFailedException failed =
        catchThrowableOfType(() -> result(rehearsal), WorkflowFailedException.class);
    assertThat(failed).as("the rehearsal failed").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  private RehearsalStatus awaitPhase(SwitchoverRehearsalWorkflow rehearsal, RehearsalPhase phase) {
    for (int i = 0; i < 400; i++) {
      RehearsalStatus status = rehearsal.status();
      if (status.phase() == phase) {
        return status;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("phase " + phase + " not reached: " + rehearsal.status());
  }
}
