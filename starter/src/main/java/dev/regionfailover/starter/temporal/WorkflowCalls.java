package dev.regionfailover.starter.temporal;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the CLI's workflow clients share: starting a workflow at most once per id, signalling it,
 * waiting for it to show the signal's effect, and the messages that turn Temporal's exceptions into
 * the workflow's id and what to do next. Each client keeps the words of its own workflow.
 */
public final class WorkflowCalls {

  /** How long a signal sender waits for the workflow to show what the signal did. */
  private static final Duration CONFIRM_BUDGET = Duration.ofSeconds(3);

  private static final Duration CONFIRM_POLL = Duration.ofMillis(200);

  private final WorkflowClient client;

  public WorkflowCalls(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  public WorkflowClient client() {
    return client;
  }

  /** A stub of the latest workflow with this id, running or not. */
  public <W> W stub(Class<W> type, String workflowId) {
    return client.newWorkflowStub(type, workflowId);
  }

  /**
   * Starts a workflow under {@code workflowId} on the task queue the worker polls, with the summary
   * the Temporal UI shows of it. When one with that id is still running, fails with the message
   * {@code alreadyRunning} makes of it.
   */
  public <W> WorkflowExecution start(
      Class<W> type,
      String workflowId,
      StartSummary summary,
      Function<W, WorkflowExecution> start,
      Function<WorkflowExecution, String> alreadyRunning) {
    W stub =
        client.newWorkflowStub(
            type,
            summary
                .addTo(WorkflowOptions.newBuilder())
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    try {
      return start.apply(stub);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(alreadyRunning.apply(e.getExecution()));
    }
  }

  /** The usual refusal of a second start: {@code WHAT is already running (workflow, run): NEXT}. */
  public static Function<WorkflowExecution, String> alreadyRunning(String what, String next) {
    return running ->
        what
            + " is already running (workflow "
            + running.getWorkflowId()
            + ", run "
            + running.getRunId()
            + "): "
            + next;
  }

  /**
   * Sends a signal to the workflow with this id. When there is no such workflow, fails with {@code
   * cannot send KIND: } and what {@code notRunning} says, which it is asked for only then.
   */
  public <W> void signal(
      Class<W> type,
      String workflowId,
      String kind,
      Consumer<W> send,
      Supplier<String> notRunning) {
    try {
      send.accept(stub(type, workflowId));
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure("cannot send " + kind + ": " + notRunning.get());
    }
  }

  /**
   * Asks {@code probe} every little while until it finds what it looks for or a few seconds passed.
   * The wait is best effort: a signal is delivered either way, and a workflow without a worker
   * cannot answer the queries a probe makes, so a failed query ends the wait with nothing.
   */
  public static <T> Optional<T> await(Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + CONFIRM_BUDGET.toNanos();
    while (true) {
      Optional<T> found;
      try {
        found = probe.get();
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

  /** {@code no WHAT was found (no workflow ID in namespace NS): NEXT}. */
  public String notFound(String what, String workflowId, String next) {
    return "no "
        + what
        + " was found (no workflow "
        + workflowId
        + " in namespace "
        + client.getOptions().getNamespace()
        + "): "
        + next;
  }

  /** {@code no WHAT is running (workflow ID)}; the caller says what to do next. */
  public static String notRunning(String what, String workflowId) {
    return "no " + what + " is running (workflow " + workflowId + ")";
  }

  /**
   * A query or result that Temporal could not give: {@code cannot ACTION: DETAIL}, and the likely
   * cause, no worker polling the task queue.
   */
  public static CliFailure workerNeeded(String action, String detail, WorkflowException cause) {
    return new CliFailure(
        "cannot "
            + action
            + ": "
            + detail
            + ". Is a worker for task queue "
            + RegionFailoverWorkflow.TASK_QUEUE
            + " running?",
        cause);
  }

  /** The message of the innermost cause of {@code e}, or its class when it has none. */
  public static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    return orClassName(root, root.getMessage());
  }

  /**
   * Like {@link #rootMessage}, but of an {@link ApplicationFailure} only the message the workflow
   * or activity gave, without the failure's type: the operator-readable reason.
   */
  public static String rootReason(Throwable e) {
    Throwable root = rootCause(e);
    return orClassName(
        root,
        root instanceof ApplicationFailure failure
            ? failure.getOriginalMessage()
            : root.getMessage());
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String orClassName(Throwable cause, String message) {
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
