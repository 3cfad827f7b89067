package dev.regionfailover.workflows.reconcile;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * After a failover, waits for the old region to answer again, then verifies what the failover could
 * not: the old primary rejoined as a secondary, items written in both regions, messages stranded in
 * the old region, replication lag. Its id is {@code reconcile-<app>}, so it outlives the failover
 * that started it.
 */
@WorkflowInterface
public interface ReconcileRegionWorkflow {

  String TYPE = "ReconcileRegion";

  static String workflowId(String app) {
    return "reconcile-" + app;
  }

  @WorkflowMethod(name = TYPE)
  ReconcileReport run(ReconcileRequest request);

  @SignalMethod(name = "regionRecovered")
  void regionRecovered(RecoverySignal signal);

  @QueryMethod(name = "status")
  ReconcileStatus status();
}
