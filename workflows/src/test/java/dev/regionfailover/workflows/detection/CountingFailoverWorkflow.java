package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A RegionFailover that records every start and then waits until aborted, so that tests can count
 * the failovers the monitor starts.
 */
public class CountingFailoverWorkflow implements RegionFailoverWorkflow {

  static final List<FailoverRequest> STARTS = new CopyOnWriteArrayList<>();

  private boolean aborted;

  @Override
  public FailoverResult run(FailoverRequest request) {
    if (!WorkflowUnsafe.isReplaying()) {
      STARTS.add(request);
    }
    Workflow.await(() -> aborted);
    return null;
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {}

  @Override
  public void denyPromotion(DenialSignal signal) {}

  @Override
  public void abort(AbortSignal signal) {
    aborted = true;
  }

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
    aborted = true;
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

  @Override
  public FailoverStatus status() {
    return null;
  }
}
