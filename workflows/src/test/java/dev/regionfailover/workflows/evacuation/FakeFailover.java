package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.QuietFailover;
import dev.regionfailover.workflows.failover.RpoEstimate;
import dev.regionfailover.workflows.failover.WaitingFor;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RegionFailover registered under the real type that follows a script per app: ASSESS for half
 * its time, AWAIT_APPROVAL when the script asks for approvals (until enough distinct approvers
 * other than the requester have approved), PROMOTE for the other half, then COMPLETED with the
 * script's RPO; or it fails in ASSESS. An abort before PROMOTE ends it ABORTED. Starts and ends are
 * logged in {@code events} with the workflow time in seconds since {@code origin}, which the first
 * event sets, so that the real time a test takes to start does not shift the figures.
 */
final class FakeFailover extends QuietFailover {

  /** What one app's failover does. */
  record Script(int seconds, String failure, int approvals, long rpoSeconds) {

    static Script lasting(int seconds) {
      return new Script(seconds, null, 0, 0);
    }

    static Script failing(String failure) {
      return new Script(10, failure, 0, 0);
    }

    static Script approved(int seconds, int approvals) {
      return new Script(seconds, null, approvals, 3);
    }
  }

  private final Map<String, Script> scripts;
  private final List<String> events;
  private final AtomicLong origin;
  private final List<String> approvers = new ArrayList<>();
  private FailoverRequest request;
  private Phase phase = Phase.ASSESS;
  private AbortSignal abort;

  FakeFailover(Map<String, Script> scripts, List<String> events, AtomicLong origin) {
    this.scripts = scripts;
    this.events = events;
    this.origin = origin;
  }

  @Override
  public FailoverResult run(FailoverRequest input) {
    request = input;
    Script script = scripts.getOrDefault(input.app(), Script.lasting(20));
    long started = Workflow.currentTimeMillis();
    log("start " + input.app() + " -> " + input.targetRegion());
    Workflow.await(Duration.ofSeconds(script.seconds() / 2), () -> abort != null);
    if (script.failure() != null) {
      log("fail " + input.app());
      throw ApplicationFailure.newNonRetryableFailure(script.failure(), "FailoverFailed");
    }
    if (script.approvals() > 0 && abort == null) {
      phase = Phase.AWAIT_APPROVAL;
      Workflow.await(() -> abort != null || approvers.size() >= script.approvals());
    }
    if (abort != null) {
      log("abort " + input.app());
      return result(Phase.ABORTED, "aborted by " + abort.by(), started, null);
    }
    phase = Phase.PROMOTE;
    Workflow.sleep(Duration.ofSeconds(script.seconds() - script.seconds() / 2));
    phase = Phase.COMPLETED;
    log("end " + input.app());
    return result(Phase.COMPLETED, input.targetRegion() + " writes", started, script.rpoSeconds());
  }

  private FailoverResult result(Phase outcome, String summary, long started, Long rpo) {
    phase = outcome;
    return new FailoverResult(
        request.app(),
        FailoverMode.parse(request.mode()),
        TestCandidates.EAST,
        request.targetRegion(),
        outcome,
        summary,
        List.of(),
        null,
        new RpoEstimate(rpo, "scripted"),
        0,
        List.of(),
        Workflow.currentTimeMillis() - started);
  }

  private void log(String event) {
    if (Workflow.isReplaying()) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    origin.compareAndSet(0, now);
    long seconds = (now - origin.get()) / 1000;
    synchronized (events) {
      events.add(event + " @" + seconds);
    }
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    if (phase == Phase.AWAIT_APPROVAL
        && !signal.approver().equals(request.requestedBy())
        && !approvers.contains(signal.approver())) {
      approvers.add(signal.approver());
      log("approved " + request.app() + " by " + signal.approver());
    }
  }

  @Override
  public void abort(AbortSignal signal) {
    if (phase.ordinal() < Phase.PROMOTE.ordinal()) {
      abort = signal;
    }
  }

  @Override
  public FailoverStatus status() {
    return new FailoverStatus(
        request.app(),
        FailoverMode.parse(request.mode()),
        TestCandidates.EAST,
        request.targetRegion(),
        request.requestedBy(),
        request.reason(),
        phase,
        List.of(),
        phase == Phase.AWAIT_APPROVAL
            ? new WaitingFor("approval", null, null, "approvePromotion")
            : null,
        List.of(),
        List.of(),
        null,
        null,
        0,
        List.of(),
        null,
        null);
  }
}
