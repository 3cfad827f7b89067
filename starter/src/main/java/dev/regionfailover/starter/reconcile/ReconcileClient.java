package dev.regionfailover.starter.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

/**
 * The operations of the CLI on ReconcileRegion workflows, with Temporal's exceptions turned into
 * messages that name the app, the workflow and what to do next.
 */
public final class ReconcileClient {

  private final WorkflowClient client;

  public ReconcileClient(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** Starts a reconciliation; at most one runs per app. */
  public WorkflowExecution start(ReconcileRequest request) {
    String workflowId = ReconcileRegionWorkflow.workflowId(request.app());
    ReconcileRegionWorkflow stub =
        client.newWorkflowStub(
            ReconcileRegionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    try {
      return WorkflowClient.start(stub::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(
          "a reconciliation of "
              + request.app()
              + " is already running (workflow "
              + workflowId
              + ", run "
              + e.getExecution().getRunId()
              + "): see ./failover reconcile report "
              + request.app());
    }
  }

  /** Sends {@code regionRecovered} to the app's running reconciliation. */
  public void recovered(String app, RecoverySignal signal) {
    try {
      client
          .newWorkflowStub(ReconcileRegionWorkflow.class, ReconcileRegionWorkflow.workflowId(app))
          .regionRecovered(signal);
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(
          "cannot send regionRecovered: no reconciliation of "
              + app
              + " is running (workflow "
              + ReconcileRegionWorkflow.workflowId(app)
              + "): start one with ./failover reconcile start "
              + app
              + " --old-region REGION");
    }
  }

  /** The report of the app's latest reconciliation once it completed, else its status. */
  public Outcome latest(String app) {
    String workflowId = ReconcileRegionWorkflow.workflowId(app);
    try {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return new Outcome(stub.getResult(ReconcileReport.class), null);
      }
      return new Outcome(
          null, client.newWorkflowStub(ReconcileRegionWorkflow.class, workflowId).status());
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(
          "no reconciliation of "
              + app
              + " was found (no workflow "
              + workflowId
              + " in namespace "
              + client.getOptions().getNamespace()
              + "): start one with ./failover reconcile start "
              + app
              + " --old-region REGION");
    } catch (WorkflowException e) {
      throw new CliFailure(
          "cannot read workflow "
              + workflowId
              + ": "
              + e.getMessage()
              + ". Is a worker for task queue "
              + RegionFailoverWorkflow.TASK_QUEUE
              + " running?",
          e);
    }
  }

  /** A completed reconciliation's report, or a running one's status: exactly one is set. */
  public record Outcome(ReconcileReport report, ReconcileStatus status) {}
}
