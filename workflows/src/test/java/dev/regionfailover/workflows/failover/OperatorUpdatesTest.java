package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.USW2;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.WRITER_ENDPOINT;
import static dev.regionfailover.workflows.failover.FailoverHarness.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator updates: each validator rejects, with the reason, exactly what its signal twin
 * records as not counted, and an accepted update records the same as the signal.
 */
class OperatorUpdatesTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private FailoverHarness harness;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void approvalsTheGateRefusesAreRejectedWithTheReasonAndLeaveNoRecord() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("alice"));

    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("mallory"))))
        .isEqualTo("mallory is not an approver of this app [alice, bob]");
    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("alice"))))
        .isEqualTo("alice requested this failover and cannot approve it");
    assertThat(rejection(() -> failover.approvePromotionUpdate(new ApprovalSignal(" ", "x"))))
        .isEqualTo("the payload has no \"approver\"");

    assertThat(failover.status().signals()).isEmpty();
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    verify(mocks.aurora, never()).promote(any());
  }

  @Test
  void anAcceptedApprovalAnswersWhatItDid() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    OperatorVerdict verdict = failover.approvePromotionUpdate(approval("alice"));

    assertThat(verdict.kind()).isEqualTo("approvePromotion");
    assertThat(verdict.by()).isEqualTo("alice");
    assertThat(verdict.phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(verdict.effect()).isEqualTo("approval 1 of 1 recorded; promotion goes ahead");
    assertThat(verdict.at()).isNotBlank();
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(failover.status().signals())
        .containsExactly(
            new SignalRecord("approvePromotion", "alice", "lgtm", verdict.at(), true, null));
  }

  @Test
  void unplannedCountsDistinctApprovalsAndRejectsARepeat() {
    mocks.sourceUnreachable();
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("carol"));
    harness.awaitWaitingFor(failover, "are isolated");

    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("alice"))))
        .isEqualTo(
            "the workflow is not waiting for approval; send it when status shows phase"
                + " AWAIT_APPROVAL");
    OperatorVerdict confirmed = failover.confirmFencedUpdate(confirmation("dave"));
    assertThat(confirmed.kind()).isEqualTo("confirmFenced");
    assertThat(confirmed.phase()).isEqualTo(Phase.FENCE);
    assertThat(confirmed.effect())
        .isEqualTo("fence confirmation recorded; the failover goes on to AWAIT_APPROVAL");
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);

    assertThat(failover.approvePromotionUpdate(approval("alice")).effect())
        .isEqualTo("approval 1 of 2 recorded; waiting for 1 more distinct approver");
    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("alice"))))
        .isEqualTo("alice has already approved; a second approval must come from someone else");
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(failover.approvePromotionUpdate(approval("bob")).effect())
        .isEqualTo("approval 2 of 2 recorded; promotion goes ahead");

    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void confirmFencedIsRejectedWhenNothingWaitsForItOrNobodySignsIt() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    assertThat(rejection(() -> failover.confirmFencedUpdate(confirmation("dave"))))
        .isEqualTo(
            "the workflow is not waiting for a fence confirmation; send it when status lists"
                + " unconfirmed fences");
    assertThat(rejection(() -> failover.confirmFencedUpdate(new ConfirmFencedSignal("", "x"))))
        .isEqualTo("the payload has no \"by\"");
    assertThat(failover.status().signals()).isEmpty();
  }

  @Test
  void denialByAnApproverOrTheRequesterIsAcceptedByAnyoneElseRejected() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("alice"));

    assertThat(rejection(() -> failover.denyPromotionUpdate(denial("mallory"))))
        .isEqualTo("mallory is not an approver of this app [alice, bob]");
    OperatorVerdict verdict = failover.denyPromotionUpdate(denial("alice"));

    assertThat(verdict.kind()).isEqualTo("denyPromotion");
    assertThat(verdict.effect())
        .isEqualTo("denial recorded; the failover undoes every change and ends ABORTED");
    assertThat(result(failover).outcome()).isEqualTo(Phase.ABORTED);
    assertThatThrownBy(() -> failover.denyPromotionUpdate(denial("bob")))
        .as("an update to a finished workflow is refused by Temporal itself")
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThat(failover.status().signals())
        .extracting(SignalRecord::kind, SignalRecord::by, SignalRecord::accepted)
        .containsExactly(tuple("denyPromotion", "alice", true));
  }

  @Test
  void abortIsAcceptedBeforePromotion() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    OperatorVerdict verdict = failover.abortUpdate(new AbortSignal("dave", "wrong target"));

    assertThat(verdict.kind()).isEqualTo("abort");
    assertThat(verdict.phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(verdict.effect())
        .isEqualTo("abort recorded; the failover undoes every change and ends ABORTED");
    assertThat(result(failover).outcome()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void abortIsRejectedOnceThePromotionBegan() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    when(mocks.aurora.promote(any()))
        .thenAnswer(
            i -> {
              release.await(10, TimeUnit.SECONDS);
              return new PromotionResult(USW2, WRITER_ENDPOINT, true);
            });
    RegionFailoverWorkflow drill =
        harness.start(
            "failover-orders",
            new FailoverRequest("orders", TARGET, FailoverMode.DRILL, "rehearsal", "scheduler"));
    harness.awaitPhase(drill, Phase.PROMOTE);

    assertThat(rejection(() -> drill.abortUpdate(new AbortSignal("dave", "too late"))))
        .isEqualTo(
            "promotion has begun and is never rolled back automatically; failing back is a new"
                + " planned failover");
    release.countDown();
    assertThat(result(drill).outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(drill.status().signals()).isEmpty();
  }

  @Test
  void signalsRecordAConfirmationAnApprovalAndADenial() {
    mocks.sourceUnreachable();
    FailoverStatus status =
        unplannedDrivenBy(
            failover -> failover.confirmFenced(confirmation("dave")),
            failover -> failover.approvePromotion(approval("alice")),
            failover -> failover.denyPromotion(denial("bob")));

    assertRecordedConfirmationApprovalAndDenial(status);
  }

  @Test
  void updatesRecordWhatTheSignalsRecord() {
    mocks.sourceUnreachable();
    FailoverStatus status =
        unplannedDrivenBy(
            failover -> failover.confirmFencedUpdate(confirmation("dave")),
            failover -> failover.approvePromotionUpdate(approval("alice")),
            failover -> failover.denyPromotionUpdate(denial("bob")));

    assertRecordedConfirmationApprovalAndDenial(status);
  }

  /** What both the signals and the updates of the two tests above must leave in status. */
  private static void assertRecordedConfirmationApprovalAndDenial(FailoverStatus status) {
    assertThat(status.phase()).isEqualTo(Phase.ABORTED);
    assertThat(status.outcome())
        .isEqualTo("denied by bob: not now; every change was undone and us-east-1 writes again");
    assertThat(withoutTimes(status.signals()))
        .containsExactly(
            new SignalRecord(
                "confirmFenced", "dave", "us-east-1 is cut off at the network", null, true, null),
            new SignalRecord("approvePromotion", "alice", "lgtm", null, true, null),
            new SignalRecord("denyPromotion", "bob", "not now", null, true, null));
    assertThat(status.steps())
        .filteredOn(s -> s.phase() == Phase.FENCE || s.phase() == Phase.AWAIT_APPROVAL)
        .extracting(StepStatus::name, StepStatus::detail)
        .contains(
            tuple("confirm fence", "confirmed by dave"),
            tuple("approval", "denied by bob: not now"));
  }

  /**
   * Runs an UNPLANNED failover to its end, sending the confirmation when it waits for one and then
   * each answer in AWAIT_APPROVAL.
   */
  @SafeVarargs
  private FailoverStatus unplannedDrivenBy(
      Consumer<RegionFailoverWorkflow> confirm, Consumer<RegionFailoverWorkflow>... answers) {
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("carol"));
    harness.awaitWaitingFor(failover, "are isolated");
    confirm.accept(failover);
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    for (Consumer<RegionFailoverWorkflow> answer : answers) {
      answer.accept(failover);
    }
    result(failover);
    return failover.status();
  }

  private RegionFailoverWorkflow awaitingApproval(FailoverRequest request) {
    RegionFailoverWorkflow failover = harness.start("failover-orders", request);
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    return failover;
  }

  /** The reason an update was rejected with, as its sender reads it. */
  private static String rejection(Runnable update) {
    WorkflowUpdateException rejected =
        catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(rejected).as("the update was rejected").isNotNull();
    assertThat(rejected.getCause()).isInstanceOf(ApplicationFailure.class);
    return ((ApplicationFailure) rejected.getCause()).getOriginalMessage();
  }

  private static List<SignalRecord> withoutTimes(List<SignalRecord> records) {
    return records.stream()
        .map(r -> new SignalRecord(r.kind(), r.by(), r.text(), null, r.accepted(), r.note()))
        .toList();
  }

  private static ApprovalSignal approval(String approver) {
    return new ApprovalSignal(approver, "lgtm");
  }

  private static DenialSignal denial(String approver) {
    return new DenialSignal(approver, "not now");
  }

  private static ConfirmFencedSignal confirmation(String by) {
    return new ConfirmFencedSignal(by, "us-east-1 is cut off at the network");
  }

  private static FailoverRequest planned(String requestedBy) {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.PLANNED, "quarterly rotation", requestedBy);
  }

  private static FailoverRequest unplanned(String requestedBy) {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", requestedBy);
  }
}
