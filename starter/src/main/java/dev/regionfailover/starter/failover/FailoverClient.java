package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
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
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
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

  /**
   * Workflow time and this machine's clock may differ a little; a record this much older than the
   * send is still taken as the answer to it.
   */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

  private final WorkflowCalls calls;

  public FailoverClient(WorkflowClient client) {
    this.calls = new WorkflowCalls(client);
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
   * Sends a signal, then waits until the workflow has recorded whether it counted; the record
   * answers the signal when it is of the same kind, by the same sender and not older than the send.
   */
  private Optional<SignalRecord> signal(
      String app, String kind, String by, Consumer<RegionFailoverWorkflow> send) {
    Instant after = Instant.now().minus(CLOCK_SLACK);
    calls.signal(
        RegionFailoverWorkflow.class,
        FailoverRequest.workflowId(app),
        kind,
        send,
        () -> notRunning(app));
    return WorkflowCalls.await(() -> latest(stub(app).status().signals(), kind, by, after));
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
    return calls.notFound(
        "failover of " + app,
        FailoverRequest.workflowId(app),
        "start one with ./failover start " + app + " --to REGION");
  }
}
