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

  @SignalMethod(
      name = "regionRecovered",
      description =
          "Tell the reconcile that the old region answers again, ending its wait for the next"
              + " probe at once; the checks then run. Payload {\"by\":\"carol\",\"note\":"
              + "\"us-east-1 is back\"}; only the first one counts.")
  void regionRecovered(RecoverySignal signal);

  @QueryMethod(
      name = "status",
      description =
          "Where the reconcile stands: app, old and writer region, stage, what it waits for"
              + " (next probe, deadline), each check's state, the report once done, and any"
              + " regionRecovered signal refused because its payload is not an object. No"
              + " arguments.")
  ReconcileStatus status();
}
