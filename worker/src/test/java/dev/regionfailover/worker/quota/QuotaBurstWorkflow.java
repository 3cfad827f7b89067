package dev.regionfailover.worker.quota;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Schedules many Route 53 changes at once on the Route 53 quota queue of the worker's own account,
 * as an evacuation of many apps would, so a test can see how fast the server lets them through.
 */
@WorkflowInterface
public interface QuotaBurstWorkflow {

  /** Returns how many records it pointed. */
  @WorkflowMethod(name = "QuotaBurst")
  int run(QuotaBurst burst);
}
