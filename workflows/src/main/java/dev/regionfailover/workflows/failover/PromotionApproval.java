package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.estate.Estate;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * AWAIT_APPROVAL: waits for the approvals the mode requires, unless a DRILL or the app's health
 * monitor on a rehearsal estate approves itself. A denial, an abort or the timeout ends the wait
 * with the outcome the saga is undone for.
 */
final class PromotionApproval {

  private final FailoverState state;

  PromotionApproval(FailoverState state) {
    this.state = requireNonNull(state, "state is null");
  }

  /** Whether promotion may go ahead; when not, the state's outcome says why. */
  boolean obtain() {
    return obtain(
        "promote " + state.request.targetRegion(),
        state.dataLossAllowed() ? state.estate.approvals().unplannedApprovals() : 1);
  }

  /**
   * Whether {@code what} may go ahead, once {@code required} distinct approvers other than the
   * requester approve it; when not, the state's outcome says why.
   */
  boolean obtain(String what, int required) {
    state.enter(Phase.AWAIT_APPROVAL);
    FailoverRequest request = state.request;
    Estate estate = state.estate;
    ApprovalGate gate = state.gate;
    if (state.mode == FailoverMode.DRILL) {
      state.steps.skip("approval", Phase.AWAIT_APPROVAL, "DRILL approves itself");
      return true;
    }
    if (state.mode != FailoverMode.RECOVER
        && approvedByMonitor()
        && Workflow.getVersion(
                RegionFailoverWorkflowImpl.MONITOR_APPROVAL_CHANGE, Workflow.DEFAULT_VERSION, 1)
            >= 1) {
      state.steps.skip(
          "approval",
          Phase.AWAIT_APPROVAL,
          "approved by its health monitor "
              + request.requestedBy()
              + ": the estate is marked rehearsal and sets detection.autoApprove");
      return true;
    }
    Duration timeout = estate.approvals().timeout();
    boolean verified =
        estate.approvals().verified() != null
            && Workflow.getVersion(
                    RegionFailoverWorkflowImpl.VERIFIED_APPROVERS_CHANGE,
                    Workflow.DEFAULT_VERSION,
                    1)
                >= 1;
    if (verified) {
      gate.openVerified(
          estate.approvals().approvers(),
          request.requestedBy(),
          required,
          estate.approvals().verified(),
          // The first run id is in the history, so a replay binds to the run it replays.
          Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getFirstExecutionRunId());
    } else {
      gate.open(estate.approvals().approvers(), request.requestedBy(), required);
    }
    int index =
        state.steps.start(
            "approval",
            Phase.AWAIT_APPROVAL,
            "waiting for " + required + " of " + estate.approvals().approvers());
    String since = StepLog.now();
    long waitStartedMillis = Workflow.currentTimeMillis();
    state.waitingFor =
        new WaitingFor(
            "approval to "
                + what
                + (required == 1
                    ? " from one of "
                    : " from " + required + " distinct approvers of ")
                + estate.approvals().approvers()
                + " other than "
                + request.requestedBy(),
            since,
            Instant.ofEpochMilli(Workflow.currentTimeMillis() + timeout.toMillis()).toString(),
            (verified
                    ? "./failover approve "
                        + request.app()
                        + " --as NAME --verify (the approval must carry an identity signed with"
                        + " NAME's own AWS credentials), or"
                    : "signal approvePromotion {\"approver\":\"NAME\",\"comment\":\"...\"} (./failover approve "
                        + request.app()
                        + " --as NAME), or")
                + " denyPromotion {\"approver\":\"NAME\",\"reason\":\"...\"}, or abort {\"by\":\"NAME\",\"reason\":\"...\"}");
    state.publish();
    boolean answered =
        Workflow.await(
            timeout, () -> gate.approved() || gate.denial() != null || state.abortRequest != null);
    gate.close();
    state.waitingFor = null;
    state.metrics.waited(state, FailoverMetrics.APPROVAL, waitStartedMillis);
    AbortSignal abort = state.abortRequest;
    if (abort != null) {
      state.outcome = "aborted by " + abort.by() + " while awaiting approval: " + abort.reason();
    } else if (gate.denial() != null) {
      state.outcome = "denied by " + gate.denial().by() + ": " + gate.denial().text();
    } else if (!answered) {
      state.outcome = "no approval within " + timeout;
    } else {
      state.steps.finish(index, StepState.DONE, "approved by " + gate.approvedBy());
      state.publish();
      return true;
    }
    state.steps.finish(index, StepState.FAILED, state.outcome);
    return false;
  }

  /**
   * Whether this failover was started by the app's health monitor on an estate that exists for
   * drills and opted into automatic approval. The estate snapshot decides, not a signal, so no
   * payload can grant it; a production estate cannot opt in (the parser refuses).
   */
  private boolean approvedByMonitor() {
    Estate estate = state.estate;
    return estate.rehearsal()
        && estate.detection() != null
        && estate.detection().autoApprove()
        && MonitorRequest.workflowId(state.request.app()).equals(state.request.requestedBy());
  }
}
