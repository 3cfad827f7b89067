package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.failover.FailoverClient;
import dev.regionfailover.starter.failover.UpdateAnswer;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.render.Times;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The demo's failover: a PLANNED move of {@code orders} to {@code us-west-2} requested by {@code
 * demo}, approved by {@code alice} when it asks, narrated phase by phase and step by step.
 */
public final class DemoScenario {

  public static final String APP = "orders";
  public static final String TARGET_REGION = "us-west-2";
  public static final String REQUESTER = "demo";
  public static final String APPROVER = "alice";

  private final FailoverClient client;
  private final PrintWriter out;
  private final Duration pollInterval;
  private final Duration timeout;
  private final WorkerCrash crash;

  private final Set<String> reportedSteps = new HashSet<>();
  private Phase reportedPhase;
  private boolean approvalSent;
  private String killedDuring;
  private long startNanos;

  public DemoScenario(
      FailoverClient client, PrintWriter out, Duration pollInterval, Duration timeout) {
    this(client, out, pollInterval, timeout, null);
  }

  /**
   * A demo that also crashes the worker with {@code crash} while the promotion runs, the step that
   * shows best that a step in flight is neither lost nor repeated: the fresh worker finds the
   * switchover already requested and waits for it instead of requesting it again.
   *
   * @param crash what kills the worker and starts a fresh one, or null to leave the worker alone
   */
  public DemoScenario(
      FailoverClient client,
      PrintWriter out,
      Duration pollInterval,
      Duration timeout,
      WorkerCrash crash) {
    this.client = requireNonNull(client, "client is null");
    this.out = requireNonNull(out, "out is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.crash = crash;
  }

  /** The step during which the worker was killed, once it was. */
  public Optional<String> killedDuring() {
    return Optional.ofNullable(killedDuring);
  }

  /**
   * Runs the failover to its end.
   *
   * @throws CliFailure when it cannot start, fails, or outlasts the timeout
   */
  public FailoverResult run() {
    startNanos = System.nanoTime();
    WorkflowExecution execution =
        client.start(
            new FailoverRequest(
                APP, TARGET_REGION, FailoverMode.PLANNED, "demo of a planned failover", REQUESTER));
    say(
        "started a PLANNED failover of %s to %s: workflow %s, run %s",
        APP, TARGET_REGION, execution.getWorkflowId(), execution.getRunId());
    CompletableFuture<FailoverResult> result = client.result(execution);
    long deadline = startNanos + timeout.toNanos();
    while (!result.isDone()) {
      if (System.nanoTime() > deadline) {
        abort("the demo timed out after " + timeout.toSeconds() + " s");
        throw new CliFailure(
            "the failover did not finish within " + timeout.toSeconds() + " s; it was aborted");
      }
      poll();
      sleep();
    }
    poll();
    try {
      return result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof CliFailure failure ? failure : e;
    }
  }

  private void poll() {
    FailoverStatus status;
    try {
      status = client.status(APP);
    } catch (CliFailure e) {
      // The first query can come before the workflow's first task, and a worker may be
      // restarting; the next poll tries again and the timeout bounds the waiting.
      return;
    }
    if (status.steps() != null) {
      for (StepStatus step : status.steps()) {
        if (step.state() != StepState.RUNNING
            && reportedSteps.add(step.name() + "@" + step.startedAt())) {
          announce(step.phase());
          say(
              "  step %-24s %-11s %8s  %s",
              step.name(),
              step.state(),
              Times.duration(step.durationMillis()),
              step.detail() == null ? "" : step.detail());
        }
      }
    }
    announce(status.phase());
    if (status.phase() == Phase.AWAIT_APPROVAL && status.waitingFor() != null && !approvalSent) {
      approvalSent = true;
      approve();
    }
    if (crash != null
        && killedDuring == null
        && status.phase() == Phase.PROMOTE
        && status.steps() != null) {
      status.steps().stream()
          .filter(step -> step.phase() == Phase.PROMOTE && step.state() == StepState.RUNNING)
          .findFirst()
          .ifPresent(this::crashWorker);
    }
  }

  private void crashWorker(StepStatus running) {
    killedDuring = running.name();
    say(
        "  killing the worker (%s) with SIGKILL while step '%s' runs",
        crash.kill(), running.name());
    say("  no worker runs now; Temporal keeps the failover's history and its timers");
    String fresh;
    try {
      fresh = crash.startFresh();
    } catch (IllegalStateException e) {
      throw new CliFailure("the fresh worker did not start: " + e.getMessage(), e);
    }
    say(
        "  a fresh worker (%s) took over: it replays the history, and the server hands it the step"
            + " once the killed worker's heartbeat is overdue",
        fresh);
  }

  /**
   * Names a phase once, when its first finished step is printed or the workflow waits in it, so
   * that steps appear under the phase they ran in even when one poll sees several phases pass.
   */
  private void announce(Phase phase) {
    if (phase != null && (reportedPhase == null || phase.ordinal() > reportedPhase.ordinal())) {
      reportedPhase = phase;
      say("phase %s", phase);
    }
  }

  private void approve() {
    say("  approving the promotion as %s", APPROVER);
    UpdateAnswer answer =
        client.approve(
            APP,
            new ApprovalSignal(
                APPROVER, "approved by the demo after checking the readiness report"));
    if (answer.isAccepted()) {
      say("  approvePromotion accepted: %s", answer.verdict().effect());
      return;
    }
    say("  approvePromotion not accepted: %s", answer.refusal());
    abort("the demo's approval was not accepted: " + answer.refusal());
  }

  private void abort(String reason) {
    say("  aborting: %s", reason);
    try {
      client.abort(APP, new AbortSignal(REQUESTER, reason));
    } catch (CliFailure e) {
      say("  could not abort: %s", e.getMessage());
    }
  }

  private void say(String format, Object... args) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf("[%5.1fs] %s%n", seconds, String.format(format, args));
    out.flush();
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("the demo was interrupted", e);
    }
  }
}
