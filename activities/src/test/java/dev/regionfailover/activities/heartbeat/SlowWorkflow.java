package dev.regionfailover.activities.heartbeat;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

@WorkflowInterface
public interface SlowWorkflow {

  /** Runs {@link SlowActivity} with a one-second heartbeat timeout and {@code attempts}. */
  @WorkflowMethod
  String run(String checkpoint, int attempts);
}
