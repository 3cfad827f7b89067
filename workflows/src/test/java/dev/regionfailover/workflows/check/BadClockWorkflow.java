package dev.regionfailover.workflows.check;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow for {@link WorkflowCheckTest} only: its implementation reads the system clock. */
@WorkflowInterface
public interface BadClockWorkflow {

  @WorkflowMethod
  long run();
}
