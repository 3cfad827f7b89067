package dev.regionfailover.workflows.input;

import io.temporal.worker.WorkflowImplementationOptions;

/** How every worker, the real one and the tests', registers the workflow implementations. */
public final class WorkflowRegistration {

  /**
   * Fails the workflow, instead of its first task, when its input does not decode, so that no
   * execution retries that task for ever while holding its workflow id.
   */
  public static final WorkflowImplementationOptions OPTIONS =
      WorkflowImplementationOptions.newBuilder()
          .setFailWorkflowExceptionTypes(InvalidWorkflowInput.class)
          .build();

  private WorkflowRegistration() {}
}
