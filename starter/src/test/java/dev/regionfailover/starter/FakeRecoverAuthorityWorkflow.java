package dev.regionfailover.starter;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflow;
import dev.regionfailover.workflows.failover.RecoverRequest;
import dev.regionfailover.workflows.failover.SignalRecord;
import dev.regionfailover.workflows.failover.WaitingFor;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the real RecoverAuthority workflow: it proposes rolling back to {@link
 * FakeFailoverWorkflow#SOURCE} and waits for a decision. An approval by anyone but the requester
 * ends it COMPLETED; a denial or an abort ends it ABORTED. Its status has no mode, since the CLI
 * renders whatever mode the real one gives.
 */
public class FakeRecoverAuthorityWorkflow implements RecoverAuthorityWorkflow {

  private final List<SignalRecord> signals = new ArrayList<>();
  private RecoverRequest request;
  private Phase phase = Phase.ASSESS;
  private WaitingFor waitingFor;
  private boolean approved;
  private boolean stopped;

  @Override
  public FailoverResult run(RecoverRequest request) {
    this.request = request.withDefaults();
    phase = Phase.AWAIT_APPROVAL;
    waitingFor =
        new WaitingFor(
            "approval of the proposal: roll back to " + FakeFailoverWorkflow.SOURCE,
            now(),
            "2099-01-01T00:00:00Z",
            "./failover approve " + this.request.app() + " --as NAME");
    Workflow.await(() -> approved || stopped);
    waitingFor = null;
    phase = approved ? Phase.COMPLETED : Phase.ABORTED;
    return new FailoverResult(
        this.request.app(),
        null,
        FakeFailoverWorkflow.SOURCE,
        FakeFailoverWorkflow.SOURCE,
        phase,
        "fake recovery " + phase,
        List.of(),
        null,
        null,
        0,
        List.of(),
        0);
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    approve(signal);
  }

  @Override
  public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
    return verdict(approve(signal), "approval 1 of 1 recorded; rolling back");
  }

  @Override
  public void validateApprovePromotionUpdate(ApprovalSignal signal) {
    String refusal = approvalRefusal(signal.approver());
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "NotCounted");
    }
  }

  private SignalRecord approve(ApprovalSignal signal) {
    String refusal = approvalRefusal(signal.approver());
    SignalRecord record =
        new SignalRecord(
            "approvePromotion",
            signal.approver(),
            signal.comment(),
            now(),
            refusal == null,
            refusal == null ? "" : refusal);
    signals.add(record);
    approved |= record.accepted();
    return record;
  }

  private String approvalRefusal(String approver) {
    if (phase != Phase.AWAIT_APPROVAL) {
      return "not waiting for approval";
    }
    return approver.equals(request.requestedBy())
        ? "the requester cannot approve their own recovery"
        : null;
  }

  @Override
  public void denyPromotion(DenialSignal signal) {
    deny(signal);
  }

  @Override
  public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
    return verdict(deny(signal), "denial recorded; the recovery ends ABORTED, nothing changed");
  }

  @Override
  public void validateDenyPromotionUpdate(DenialSignal signal) {}

  private SignalRecord deny(DenialSignal signal) {
    SignalRecord record =
        new SignalRecord("denyPromotion", signal.approver(), signal.reason(), now(), true, "");
    signals.add(record);
    stopped = true;
    return record;
  }

  @Override
  public void abort(AbortSignal signal) {
    abortNow(signal);
  }

  @Override
  public OperatorVerdict abortUpdate(AbortSignal signal) {
    return verdict(abortNow(signal), "abort recorded; nothing changed");
  }

  @Override
  public void validateAbortUpdate(AbortSignal signal) {}

  private SignalRecord abortNow(AbortSignal signal) {
    SignalRecord record =
        new SignalRecord("abort", signal.by(), signal.reason(), now(), true, "nothing changed");
    signals.add(record);
    stopped = true;
    return record;
  }

  private OperatorVerdict verdict(SignalRecord record, String effect) {
    return new OperatorVerdict(record.kind(), record.by(), record.at(), phase, effect);
  }

  /** The fake runs no re-pin, so no child ever reports progress to it. */
  @Override
  public void repinProgress(RepinProgress progress) {}

  @Override
  public FailoverStatus status() {
    return new FailoverStatus(
        request == null ? null : request.app(),
        null,
        FakeFailoverWorkflow.SOURCE,
        FakeFailoverWorkflow.SOURCE,
        request == null ? null : request.requestedBy(),
        request == null ? null : request.reason(),
        phase,
        List.of(),
        waitingFor,
        List.of(),
        List.copyOf(signals),
        null,
        null,
        0,
        List.of(),
        phase == Phase.COMPLETED || phase == Phase.ABORTED ? phase.name() : null,
        null);
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
