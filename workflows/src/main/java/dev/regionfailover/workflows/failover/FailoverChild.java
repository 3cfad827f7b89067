package dev.regionfailover.workflows.failover;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;

/**
 * How another workflow starts an app's failover as its child: under the app's failover id, so that
 * Temporal refuses a second one, and abandoned when the parent closes, so that a parent that is
 * cancelled or terminated never takes a failover down half-way (fenced, with no writer).
 */
public final class FailoverChild {

  private FailoverChild() {}

  /** The options of a failover child of {@code app}; callers may add to them. */
  public static ChildWorkflowOptions.Builder options(String app) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(FailoverRequest.workflowId(app))
        .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
  }
}
