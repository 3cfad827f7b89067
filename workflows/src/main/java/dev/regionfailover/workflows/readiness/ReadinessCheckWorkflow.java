package dev.regionfailover.workflows.readiness;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs every check of a failover's ASSESS phase as a dry run, changing nothing, so that it can run
 * on a schedule and its history is the evidence that the estate was ready (or why it was not).
 */
@WorkflowInterface
public interface ReadinessCheckWorkflow {

  String TYPE = "ReadinessCheck";

  @WorkflowMethod(name = TYPE)
  ReadinessReport run(ReadinessRequest request);
}
