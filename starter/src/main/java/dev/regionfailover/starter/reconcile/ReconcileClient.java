package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;

/**
 * The operations of the CLI on ReconcileRegion workflows, with Temporal's exceptions turned into
 * messages that name the app, the workflow and what to do next.
 */
public final class ReconcileClient {

  private final WorkflowCalls calls;

  public ReconcileClient(WorkflowClient client) {
    this.calls = new WorkflowCalls(client);
  }

  /** Starts a reconciliation; at most one runs per app. */
  public WorkflowExecution start(ReconcileRequest request) {
    return calls.start(
        ReconcileRegionWorkflow.class,
        ReconcileRegionWorkflow.workflowId(request.app()),
        WorkflowSummaries.reconcile(request),
        stub -> WorkflowClient.start(stub::run, request),
        WorkflowCalls.alreadyRunning(
            "a reconciliation of " + request.app(),
            "see ./failover reconcile report " + request.app()));
  }

  /** Sends {@code regionRecovered} to the app's running reconciliation. */
  public void recovered(String app, RecoverySignal signal) {
    String workflowId = ReconcileRegionWorkflow.workflowId(app);
    calls.signal(
        ReconcileRegionWorkflow.class,
        workflowId,
        "regionRecovered",
        stub -> stub.regionRecovered(signal),
        () ->
            WorkflowCalls.notRunning("reconciliation of " + app, workflowId)
                + ": "
                + startOne(app));
  }

  /** The report of the app's latest reconciliation once it completed, else its status. */
  public Outcome latest(String app) {
    String workflowId = ReconcileRegionWorkflow.workflowId(app);
    try {
      WorkflowStub stub = calls.client().newUntypedWorkflowStub(workflowId);
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return new Outcome(stub.getResult(ReconcileReport.class), null);
      }
      return new Outcome(null, calls.stub(ReconcileRegionWorkflow.class, workflowId).status());
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(calls.notFound("reconciliation of " + app, workflowId, startOne(app)));
    } catch (WorkflowException e) {
      throw WorkflowCalls.workerNeeded("read workflow " + workflowId, e.getMessage(), e);
    }
  }

  private static String startOne(String app) {
    return "start one with ./failover reconcile start " + app + " --old-region REGION";
  }

  /** A completed reconciliation's report, or a running one's status: exactly one is set. */
  public record Outcome(ReconcileReport report, ReconcileStatus status) {}
}
