package dev.regionfailover.starter.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.SignalRecord;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The operations of the CLI on RegionFailover workflows, with Temporal's exceptions turned into
 * messages that name the app, the workflow and what to do next.
 */
public final class FailoverClient {

  /** How long a signal sender waits for the workflow to record whether the signal counted. */
  private static final Duration CONFIRM_BUDGET = Duration.ofSeconds(3);

  private static final Duration CONFIRM_POLL = Duration.ofMillis(200);

  /**
   * Workflow time and this machine's clock may differ a little; a record this much older than the
   * send is still taken as the answer to it.
   */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

  private final WorkflowClient client;

  public FailoverClient(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** Starts a failover; at most one runs per app. */
  public WorkflowExecution start(FailoverRequest request) {
    String workflowId = FailoverRequest.workflowId(request.app());
    RegionFailoverWorkflow stub =
        client.newWorkflowStub(
            RegionFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    try {
      return WorkflowClient.start(stub::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(
          "a failover of "
              + request.app()
              + " is already running (workflow "
              + workflowId
              + ", run "
              + e.getExecution().getRunId()
              + "): see ./failover status "
              + request.app());
    }
  }

  /** Sends {@code approvePromotion}; the record says whether it counted, if it came in time. */
  public Optional<SignalRecord> approve(String app, ApprovalSignal signal) {
    return signal(
        app, "approvePromotion", signal.approver(), stub -> stub.approvePromotion(signal));
  }

  /** Sends {@code denyPromotion}. */
  public Optional<SignalRecord> deny(String app, DenialSignal signal) {
    return signal(app, "denyPromotion", signal.approver(), stub -> stub.denyPromotion(signal));
  }

  /** Sends {@code confirmFenced}. */
  public Optional<SignalRecord> confirmFenced(String app, ConfirmFencedSignal signal) {
    return signal(app, "confirmFenced", signal.by(), stub -> stub.confirmFenced(signal));
  }

  /** Sends {@code abort}. */
  public Optional<SignalRecord> abort(String app, AbortSignal signal) {
    return signal(app, "abort", signal.by(), stub -> stub.abort(signal));
  }

  /** The status of the app's latest failover, running or finished. */
  public FailoverStatus status(String app) {
    try {
      return stub(app).status();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(notFound(app));
    } catch (WorkflowException e) {
      throw new CliFailure(
          "cannot read the status of workflow "
              + FailoverRequest.workflowId(app)
              + ": "
              + describe(e)
              + ". Is a worker for task queue "
              + RegionFailoverWorkflow.TASK_QUEUE
              + " running?",
          e);
    }
  }

  /**
   * The result of one run of a failover, once it finishes. A run that fails or is terminated
   * completes the future exceptionally with a {@link CliFailure} that says so.
   */
  public CompletableFuture<FailoverResult> result(WorkflowExecution execution) {
    return client
        .newUntypedWorkflowStub(execution, Optional.empty())
        .getResultAsync(FailoverResult.class)
        .handle(
            (result, error) -> {
              if (error == null) {
                return result;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              throw new CliFailure(
                  "workflow " + execution.getWorkflowId() + " failed: " + describe(cause), cause);
            });
  }

  private Optional<SignalRecord> signal(
      String app, String kind, String by, Consumer<RegionFailoverWorkflow> send) {
    Instant sentAt = Instant.now();
    try {
      send.accept(stub(app));
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure("cannot send " + kind + ": " + notRunning(app));
    }
    return awaitRecord(app, kind, by, sentAt.minus(CLOCK_SLACK));
  }

  /**
   * Polls the status until the workflow has recorded the signal. The wait is best effort: the
   * signal is delivered either way, and a workflow without a worker cannot answer queries.
   */
  private Optional<SignalRecord> awaitRecord(String app, String kind, String by, Instant after) {
    long deadline = System.nanoTime() + CONFIRM_BUDGET.toNanos();
    while (true) {
      Optional<SignalRecord> found;
      try {
        found = latest(stub(app).status().signals(), kind, by, after);
      } catch (WorkflowException e) {
        return Optional.empty();
      }
      if (found.isPresent() || System.nanoTime() > deadline) {
        return found;
      }
      try {
        Thread.sleep(CONFIRM_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  static Optional<SignalRecord> latest(
      List<SignalRecord> signals, String kind, String by, Instant after) {
    if (signals == null) {
      return Optional.empty();
    }
    SignalRecord latest = null;
    for (SignalRecord record : signals) {
      if (kind.equals(record.kind())
          && by.equalsIgnoreCase(String.valueOf(record.by()))
          && !recordedBefore(record, after)) {
        latest = record;
      }
    }
    return Optional.ofNullable(latest);
  }

  private static boolean recordedBefore(SignalRecord record, Instant after) {
    if (record.at() == null) {
      return false;
    }
    try {
      return Instant.parse(record.at()).isBefore(after);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private RegionFailoverWorkflow stub(String app) {
    return client.newWorkflowStub(RegionFailoverWorkflow.class, FailoverRequest.workflowId(app));
  }

  private String notRunning(String app) {
    String workflowId = FailoverRequest.workflowId(app);
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return notFound(app);
    }
    String status = description.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
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
    return "no failover of "
        + app
        + " was found (no workflow "
        + FailoverRequest.workflowId(app)
        + " in namespace "
        + client.getOptions().getNamespace()
        + "): start one with ./failover start "
        + app
        + " --to REGION";
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
