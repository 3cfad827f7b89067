package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.identity.IdentityActivities;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.Workflow;

/**
 * What both workflows under an app's failover id answer, over the one {@link FailoverState} of the
 * execution: approvals, denials and aborts as signals and as updates, the re-pin child's progress,
 * and status. RegionFailover and RecoverAuthority extend it, so an operator meets the same rules in
 * both.
 */
public abstract class OperatorHandling implements OperatorHandlers {

  final FailoverState state = new FailoverState();
  final OperatorSignals signals =
      new OperatorSignals(
          state, Workflow.newActivityStub(IdentityActivities.class, FailoverActivityOptions.PROBE));
  final OperatorUpdates updates = new OperatorUpdates(state, signals);

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    signals.approvePromotion(signal);
  }

  @Override
  public void denyPromotion(DenialSignal signal) {
    signals.denyPromotion(signal);
  }

  @Override
  public void abort(AbortSignal signal) {
    signals.abort(signal);
  }

  @Override
  public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
    return updates.approvePromotion(signal);
  }

  @Override
  public void validateApprovePromotionUpdate(ApprovalSignal signal) {
    updates.validateApproval(signal);
  }

  @Override
  public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
    return updates.denyPromotion(signal);
  }

  @Override
  public void validateDenyPromotionUpdate(DenialSignal signal) {
    updates.validateDenial(signal);
  }

  @Override
  public OperatorVerdict abortUpdate(AbortSignal signal) {
    return updates.abort(signal);
  }

  @Override
  public void validateAbortUpdate(AbortSignal signal) {
    updates.validateAbort(signal);
  }

  @Override
  public void repinProgress(RepinProgress progress) {
    signals.repinProgress(progress);
  }

  @Override
  public FailoverStatus status() {
    return state.status();
  }
}
