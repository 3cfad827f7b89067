package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.pins.RepinProgress;

/**
 * A base for test RegionFailover workflows that script {@code run}, {@code approvePromotion},
 * {@code abort} and {@code status}, and ignore every other signal and update.
 */
public abstract class QuietFailover implements RegionFailoverWorkflow {

  @Override
  public void denyPromotion(DenialSignal signal) {}

  @Override
  public void confirmFenced(ConfirmFencedSignal signal) {}

  @Override
  public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
    return null;
  }

  @Override
  public void validateApprovePromotionUpdate(ApprovalSignal signal) {}

  @Override
  public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
    return null;
  }

  @Override
  public void validateDenyPromotionUpdate(DenialSignal signal) {}

  @Override
  public OperatorVerdict abortUpdate(AbortSignal signal) {
    return null;
  }

  @Override
  public void validateAbortUpdate(AbortSignal signal) {}

  @Override
  public OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal) {
    return null;
  }

  @Override
  public void validateConfirmFencedUpdate(ConfirmFencedSignal signal) {}

  @Override
  public void repinProgress(RepinProgress progress) {}
}
