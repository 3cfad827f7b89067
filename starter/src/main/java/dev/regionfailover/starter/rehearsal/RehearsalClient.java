package dev.regionfailover.starter.rehearsal;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** Starts SwitchoverRehearsal workflows and waits for them, in the operator's words. */
public final class RehearsalClient {

  private final WorkflowClient client;

  public RehearsalClient(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** Starts a rehearsal now under {@code rehearsal-<app>}; at most one runs per app. */
  public WorkflowExecution start(RehearsalRequest request) {
    String workflowId = RehearsalRequest.workflowId(request.app());
    SwitchoverRehearsalWorkflow stub =
        client.newWorkflowStub(
            SwitchoverRehearsalWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    try {
      return WorkflowClient.start(stub::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(
          "a rehearsal of "
              + request.app()
              + " is already running (workflow "
              + workflowId
              + ", run "
              + e.getExecution().getRunId()
              + "): query it with temporal workflow query --workflow-id "
              + workflowId
              + " --type status");
    }
  }

  /** Waits for the rehearsal to end; a failed rehearsal is a {@link CliFailure} saying why. */
  public RehearsalResult result(WorkflowExecution execution) {
    try {
      return client
          .newUntypedWorkflowStub(execution, Optional.empty())
          .getResult(RehearsalResult.class);
    } catch (WorkflowException e) {
      throw new CliFailure(
          "rehearsal " + execution.getWorkflowId() + " failed: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
