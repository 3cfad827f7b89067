package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.QuietFailover;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A RegionFailover that records every start and then waits until aborted, so that tests can count
 * the failovers the monitor starts.
 */
public class CountingFailoverWorkflow extends QuietFailover {

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
  public void abort(AbortSignal signal) {
    aborted = true;
  }

  @Override
  public OperatorVerdict abortUpdate(AbortSignal signal) {
    aborted = true;
    return null;
  }

  @Override
  public FailoverStatus status() {
    return null;
  }
}
