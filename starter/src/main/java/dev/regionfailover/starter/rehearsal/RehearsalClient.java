package dev.regionfailover.starter.rehearsal;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Optional;

/** Starts SwitchoverRehearsal workflows and waits for them, in the operator's words. */
public final class RehearsalClient {

  private final WorkflowCalls calls;

  public RehearsalClient(WorkflowClient client) {
    this.calls = new WorkflowCalls(client);
  }

  /** Starts a rehearsal now under {@code rehearsal-<app>}; at most one runs per app. */
  public WorkflowExecution start(RehearsalRequest request) {
    String workflowId = RehearsalRequest.workflowId(request.app());
    return calls.start(
        SwitchoverRehearsalWorkflow.class,
        workflowId,
        WorkflowSummaries.rehearsal(request),
        stub -> WorkflowClient.start(stub::run, request),
        WorkflowCalls.alreadyRunning(
            "a rehearsal of " + request.app(),
            "query it with temporal workflow query --workflow-id "
                + workflowId
                + " --type status"));
  }

  /** Waits for the rehearsal to end; a failed rehearsal is a {@link CliFailure} saying why. */
  public RehearsalResult result(WorkflowExecution execution) {
    try {
      return calls
          .client()
          .newUntypedWorkflowStub(execution, Optional.empty())
          .getResult(RehearsalResult.class);
    } catch (WorkflowException e) {
      throw new CliFailure(
          "rehearsal " + execution.getWorkflowId() + " failed: " + WorkflowCalls.rootReason(e), e);
    }
  }
}
