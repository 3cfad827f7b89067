package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflow;
import dev.regionfailover.workflows.failover.RecoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.render.Times;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The operations of the CLI on the workflows under an app's failover id, RegionFailover and
 * RecoverAuthority, with Temporal's exceptions turned into messages that name the app, the workflow
 * and what to do next.
 */
public final class FailoverClient {

  /**
   * How long an update waits for the workflow's answer. A worker answers within a workflow task,
   * well under a second; without one the update would wait for as long as none polls.
   */
  private static final Duration ANSWER_BUDGET = Duration.ofSeconds(10);

  private final WorkflowCalls calls;
  private final Duration answerBudget;

  public FailoverClient(WorkflowClient client) {
    this(client, ANSWER_BUDGET);
  }

  /** A client that waits {@code answerBudget} for the answer to an update. */
  FailoverClient(WorkflowClient client, Duration answerBudget) {
    this.calls = new WorkflowCalls(client);
    this.answerBudget = answerBudget;
  }

  /** Starts a failover; at most one runs per app. */
  public WorkflowExecution start(FailoverRequest request) {
    return calls.start(
        RegionFailoverWorkflow.class,
        FailoverRequest.workflowId(request.app()),
        WorkflowSummaries.failover(request),
        stub -> WorkflowClient.start(stub::run, request),
        WorkflowCalls.alreadyRunning(
            "a failover of " + request.app(), "see ./failover status " + request.app()));
  }

  /**
   * Starts a RecoverAuthority of the app under its failover id, reading the newest RegionFailover
   * run of that id, the one that was interrupted. Refuses while any run of that id is running: a
   * running failover is not stuck, and the id lets only one run at a time anyway.
   */
  public RecoveryStart recover(String app, String requestedBy, String reason) {
    String workflowId = FailoverRequest.workflowId(app);
    Optional<WorkflowExecutionDescription> latest = latestRun(workflowId);
    if (latest.isPresent()
        && latest.get().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new CliFailure(stillRunning(app, latest.get()));
    }
    Optional<InterruptedRun> interrupted = latest.flatMap(this::newestFailover);
    RecoverRequest request =
        new RecoverRequest(
            app, requestedBy, reason, interrupted.map(InterruptedRun::runId).orElse(null));
    WorkflowExecution execution =
        calls.start(
            RecoverAuthorityWorkflow.class,
            workflowId,
            WorkflowSummaries.recovery(
                request, interrupted.map(InterruptedRun::closeStatus).orElse(null)),
            stub -> WorkflowClient.start(stub::run, request),
            WorkflowCalls.alreadyRunning(
                "a failover or recovery of " + app, "see ./failover status " + app));
    return new RecoveryStart(execution, interrupted.orElse(null));
  }

  /**
   * The failover run that an approval's signed identity is bound to, {@code
   * WORKFLOW_ID/FIRST_RUN_ID} of the app's failover, as the workflow checks it.
   */
  public String approvalBinding(String app) {
    String workflowId = FailoverRequest.workflowId(app);
    try {
      return workflowId
          + "/"
          + calls.client().newUntypedWorkflowStub(workflowId).describe().getFirstRunId();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure("cannot sign an approval: " + notFound(app), e);
    }
  }

  /** Sends {@code approvePromotionUpdate}: the workflow's verdict, or why it refused. */
  public UpdateAnswer approve(String app, ApprovalSignal signal) {
    return update(app, "approvePromotion", RegionFailoverWorkflow.APPROVE_UPDATE, signal);
  }

  /** Sends {@code denyPromotionUpdate}. */
  public UpdateAnswer deny(String app, DenialSignal signal) {
    return update(app, "denyPromotion", RegionFailoverWorkflow.DENY_UPDATE, signal);
  }

  /** Sends {@code confirmFencedUpdate}. */
  public UpdateAnswer confirmFenced(String app, ConfirmFencedSignal signal) {
    return update(app, "confirmFenced", RegionFailoverWorkflow.CONFIRM_FENCED_UPDATE, signal);
  }

  /** Sends {@code abortUpdate}. */
  public UpdateAnswer abort(String app, AbortSignal signal) {
    return update(app, "abort", RegionFailoverWorkflow.ABORT_UPDATE, signal);
  }

  /** The status of the app's latest failover, running or finished. */
  public FailoverStatus status(String app) {
    try {
      return stub(app).status();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(notFound(app));
    } catch (WorkflowException e) {
      throw WorkflowCalls.workerNeeded(
          "read the status of workflow " + FailoverRequest.workflowId(app),
          WorkflowCalls.rootMessage(e),
          e);
    }
  }

  /**
   * The result of one run of a failover, once it finishes. A run that fails or is terminated
   * completes the future exceptionally with a {@link CliFailure} that says so.
   */
  public CompletableFuture<FailoverResult> result(WorkflowExecution execution) {
    return calls
        .client()
        .newUntypedWorkflowStub(execution, Optional.empty())
        .getResultAsync(FailoverResult.class)
        .handle(
            (result, error) -> {
              if (error == null) {
                return result;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              throw new CliFailure(
                  "workflow "
                      + execution.getWorkflowId()
                      + " failed: "
                      + WorkflowCalls.rootMessage(cause),
                  cause);
            });
  }

  /**
   * Sends one of the failover's operator updates and waits for its answer: the verdict when it
   * counted, the validator's reason when it was rejected. A workflow without a worker cannot
   * answer, so the wait is bounded; the update may still count once a worker takes it.
   */
  private UpdateAnswer update(String app, String kind, String updateName, Object payload) {
    String workflowId = FailoverRequest.workflowId(app);
    WorkflowStub stub = calls.client().newUntypedWorkflowStub(workflowId);
    CompletableFuture<OperatorVerdict> answer =
        CompletableFuture.supplyAsync(
            () -> stub.update(updateName, OperatorVerdict.class, payload));
    try {
      return UpdateAnswer.accepted(answer.get(answerBudget.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WorkflowUpdateException rejected) {
        return UpdateAnswer.rejected(WorkflowCalls.rootReason(rejected));
      }
      if (cause instanceof WorkflowNotFoundException) {
        throw new CliFailure("cannot send " + kind + ": " + notRunning(app), cause);
      }
      throw new CliFailure(
          "cannot send "
              + kind
              + " to workflow "
              + workflowId
              + ": "
              + WorkflowCalls.rootMessage(cause),
          cause);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new CliFailure(
          "workflow "
              + workflowId
              + " did not answer "
              + updateName
              + " within "
              + Times.duration(answerBudget.toMillis())
              + ". Is a worker for task queue "
              + RegionFailoverWorkflow.TASK_QUEUE
              + " running? The update may still count once one takes it: see ./failover status "
              + app);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while waiting for workflow " + workflowId, e);
    }
  }

  private Optional<WorkflowExecutionDescription> latestRun(String workflowId) {
    try {
      return Optional.of(calls.client().newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The newest RegionFailover run of the failover id, given its latest run. That is the latest run
   * itself when it is a failover, read at once; otherwise (an earlier recovery ran since) the
   * newest one that Temporal's visibility lists. A server that cannot list runs, such as the Java
   * test server, leaves recovery to read AWS alone.
   */
  private Optional<InterruptedRun> newestFailover(WorkflowExecutionMetadata latest) {
    if (RegionFailoverWorkflow.TYPE.equals(latest.getWorkflowType())) {
      return Optional.of(interrupted(latest));
    }
    String workflowId = latest.getExecution().getWorkflowId();
    String query =
        "WorkflowId = '"
            + workflowId
            + "' AND WorkflowType = '"
            + RegionFailoverWorkflow.TYPE
            + "'";
    try (Stream<WorkflowExecutionMetadata> runs = calls.client().listExecutions(query)) {
      return runs.max(Comparator.comparing(WorkflowExecutionMetadata::getStartTime))
          .map(FailoverClient::interrupted);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw new CliFailure(
          "cannot list the earlier failovers of workflow "
              + workflowId
              + ": "
              + WorkflowCalls.rootMessage(e),
          e);
    }
  }

  private static InterruptedRun interrupted(WorkflowExecutionMetadata run) {
    return new InterruptedRun(run.getExecution().getRunId(), statusName(run.getStatus()));
  }

  private static String stillRunning(String app, WorkflowExecutionMetadata running) {
    String workflowId = running.getExecution().getWorkflowId();
    return "workflow "
        + workflowId
        + " is still running (run "
        + running.getExecution().getRunId()
        + ", type "
        + running.getWorkflowType()
        + "): a running failover is not stuck. Follow it with ./failover status "
        + app
        + ", or stop it with ./failover abort "
        + app
        + " --by NAME --reason TEXT or temporal workflow cancel --workflow-id "
        + workflowId
        + ". Recovery is for a failover that was terminated or failed.";
  }

  private static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  private RegionFailoverWorkflow stub(String app) {
    return calls.stub(RegionFailoverWorkflow.class, FailoverRequest.workflowId(app));
  }

  private String notRunning(String app) {
    String workflowId = FailoverRequest.workflowId(app);
    WorkflowExecutionDescription description;
    try {
      description = calls.client().newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return notFound(app);
    }
    String status = statusName(description.getStatus());
    Instant closed = description.getCloseTime();
    return "the failover of "
        + app
        + " is not running (workflow "
        + workflowId
        + ", run "
        + description.getExecution().getRunId()
        + ", "
        + status
        + (closed == null ? "" : " at " + Times.format(closed.toString()))
        + "): see ./failover status "
        + app;
  }

  private String notFound(String app) {
    return calls.notFound(
        "failover of " + app,
        FailoverRequest.workflowId(app),
        "start one with ./failover start " + app + " --to REGION");
  }
}
