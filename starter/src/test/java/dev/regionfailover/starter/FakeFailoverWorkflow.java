package dev.regionfailover.starter;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RpoEstimate;
import dev.regionfailover.workflows.failover.SignalRecord;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.failover.WaitingFor;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the real RegionFailover workflow: one finished step, then a wait for a decision.
 * It records every signal and update, accepts an approval in AWAIT_APPROVAL unless it comes from
 * the requester (its update is rejected then, with the reason), and ends COMPLETED on approval and
 * ABORTED on denial or abort. The CLI cannot tell it from the real one.
 */
public class FakeFailoverWorkflow implements RegionFailoverWorkflow {

  public static final String SOURCE = "us-east-1";

  private final List<SignalRecord> signals = new ArrayList<>();
  private final List<StepStatus> steps = new ArrayList<>();
  private FailoverRequest request;
  private Phase phase = Phase.ASSESS;
  private WaitingFor waitingFor;
  private AuthorityRecord authority;
  private boolean approved;
  private boolean stopped;

  @Override
  public FailoverResult run(FailoverRequest request) {
    this.request = request.withDefaults();
    String app = this.request.app();
    String started = now();
    authority =
        new AuthorityRecord(
            app, null, 1, AuthorityState.FENCED, Workflow.getInfo().getWorkflowId(), started);
    steps.add(
        new StepStatus(
            "check-readiness", Phase.ASSESS, StepState.DONE, started, now(), 1200, "target ready"));
    phase = Phase.AWAIT_APPROVAL;
    waitingFor =
        new WaitingFor(
            "approval of the promotion",
            started,
            "2099-01-01T00:00:00Z",
            "./failover approve " + app + " --as NAME");
    Workflow.await(() -> approved || stopped);
    waitingFor = null;
    if (approved) {
      steps.add(
          new StepStatus(
              "promote-aurora", Phase.PROMOTE, StepState.DONE, now(), now(), 4500, "writer moved"));
      authority =
          new AuthorityRecord(
              app,
              this.request.targetRegion(),
              2,
              AuthorityState.ACTIVE,
              authority.workflowId(),
              now());
      phase = Phase.COMPLETED;
    } else {
      phase = Phase.ABORTED;
    }
    return new FailoverResult(
        app,
        FailoverMode.parse(this.request.mode()),
        SOURCE,
        this.request.targetRegion(),
        phase,
        "fake failover " + phase,
        List.copyOf(steps),
        authority,
        new RpoEstimate(0L, "switchover"),
        approved ? 200 : 0,
        List.of(Finding.pass("lag", "orders-usw2", "0 s", "under 5 s")),
        5700);
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    approve(signal);
  }

  @Override
  public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
    return verdict(approve(signal), "approval 1 of 1 recorded; promotion goes ahead");
  }

  @Override
  public void validateApprovePromotionUpdate(ApprovalSignal signal) {
    String refusal = approvalRefusal(signal.approver());
    if (refusal == null) {
      refusal = identityRefusal(signal.identity());
    }
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "NotCounted");
    }
  }

  private SignalRecord approve(ApprovalSignal signal) {
    String refusal = approvalRefusal(signal.approver());
    String note =
        signal.identity() == null ? "" : "identity signed for sts in " + signal.identity().region();
    SignalRecord record =
        new SignalRecord(
            "approvePromotion",
            signal.approver(),
            signal.comment(),
            now(),
            refusal == null,
            refusal == null ? note : refusal);
    signals.add(record);
    approved |= record.accepted();
    return record;
  }

  /**
   * Why a signed identity is not one the real workflow would send to STS: malformed, expired, or
   * bound to another run. An approval without one passes, as on an estate of named approvers.
   */
  private static String identityRefusal(SignedCallerIdentity identity) {
    if (identity == null) {
      return null;
    }
    String problem = identity.problem(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    return problem != null
        ? problem
        : identity.bindingProblem(
            Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getFirstExecutionRunId());
  }

  private String approvalRefusal(String approver) {
    return phase == Phase.AWAIT_APPROVAL ? refusal(approver) : "not waiting for approval";
  }

  /** Why an approval by {@code approver} does not count, or null if it does. */
  protected String refusal(String approver) {
    return request != null && approver.equals(request.requestedBy())
        ? "the requester cannot approve their own failover"
        : null;
  }

  @Override
  public void denyPromotion(DenialSignal signal) {
    deny(signal);
  }

  @Override
  public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
    return verdict(deny(signal), "denial recorded; the failover ends ABORTED");
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
    return verdict(abortNow(signal), "abort recorded; rolled back");
  }

  @Override
  public void validateAbortUpdate(AbortSignal signal) {}

  private SignalRecord abortNow(AbortSignal signal) {
    SignalRecord record =
        new SignalRecord("abort", signal.by(), signal.reason(), now(), true, "rolled back");
    signals.add(record);
    stopped = true;
    return record;
  }

  @Override
  public void confirmFenced(ConfirmFencedSignal signal) {
    confirm(signal);
  }

  @Override
  public OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal) {
    return verdict(confirm(signal), "fence confirmation recorded");
  }

  @Override
  public void validateConfirmFencedUpdate(ConfirmFencedSignal signal) {}

  private SignalRecord confirm(ConfirmFencedSignal signal) {
    SignalRecord record =
        new SignalRecord("confirmFenced", signal.by(), signal.note(), now(), true, null);
    signals.add(record);
    return record;
  }

  private OperatorVerdict verdict(SignalRecord record, String effect) {
    return new OperatorVerdict(record.kind(), record.by(), record.at(), phase, effect);
  }

  @Override
  public void repinProgress(RepinProgress progress) {}

  @Override
  public FailoverStatus status() {
    return new FailoverStatus(
        request == null ? null : request.app(),
        request == null ? null : FailoverMode.parse(request.mode()),
        SOURCE,
        request == null ? null : request.targetRegion(),
        request == null ? null : request.requestedBy(),
        request == null ? null : request.reason(),
        phase,
        List.copyOf(steps),
        waitingFor,
        List.of(),
        List.copyOf(signals),
        authority,
        phase == Phase.COMPLETED ? new RpoEstimate(0L, "switchover") : null,
        phase == Phase.COMPLETED ? 200 : 0,
        List.of(),
        phase == Phase.COMPLETED || phase == Phase.ABORTED ? phase.name() : null,
        null);
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
