package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.QuietFailover;
import dev.regionfailover.workflows.failover.RpoEstimate;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A RegionFailover that takes timed steps with timers, so their figures are known: SHIFT ends 3 s
 * after the start, and writes are unavailable from FENCE to ACTIVATE for 9 s. Each call is logged
 * with its workflow id; it reports {@code rpoSeconds}, or fails in PROMOTE when {@code failure} is
 * set.
 */
final class FakeDrillFailover extends QuietFailover {

  static final long TRAFFIC_SHIFTED_AFTER_MILLIS = 3_000;
  static final long WRITE_UNAVAILABLE_MILLIS = 9_000;
  static final long TOTAL_MILLIS = 13_000;

  private final List<String> calls;
  private final Long rpoSeconds;
  private final String failure;
  private final List<StepStatus> steps = new ArrayList<>();

  FakeDrillFailover(List<String> calls, Long rpoSeconds, String failure) {
    this.calls = calls;
    this.rpoSeconds = rpoSeconds;
    this.failure = failure;
  }

  @Override
  public FailoverResult run(FailoverRequest request) {
    synchronized (calls) {
      calls.add(
          Workflow.getInfo().getWorkflowId()
              + " "
              + request.mode()
              + " -> "
              + request.targetRegion()
              + " by "
              + request.requestedBy()
              + ": "
              + request.reason());
    }
    long started = Workflow.currentTimeMillis();
    step("load estate", Phase.ASSESS, 1);
    step("shift route53", Phase.SHIFT, 2);
    step("fence authority", Phase.FENCE, 3);
    step("approval", Phase.AWAIT_APPROVAL, 0);
    if (failure != null) {
      throw ApplicationFailure.newNonRetryableFailure(failure, "FailoverFailed");
    }
    step("promote aurora", Phase.PROMOTE, 4);
    step("repin entities", Phase.REPIN, 1);
    step("enable target writes", Phase.ACTIVATE, 1);
    step("check old primary", Phase.RECONCILE, 1);
    String source =
        request.targetRegion().equals(FakeReadinessCheck.EAST)
            ? FakeReadinessCheck.WEST
            : FakeReadinessCheck.EAST;
    return new FailoverResult(
        request.app(),
        FailoverMode.DRILL,
        source,
        request.targetRegion(),
        Phase.COMPLETED,
        request.targetRegion() + " is the writer",
        List.copyOf(steps),
        null,
        new RpoEstimate(rpoSeconds, "switchover synchronizes the secondary before promoting it"),
        20,
        List.of(),
        Workflow.currentTimeMillis() - started);
  }

  private void step(String name, Phase phase, int seconds) {
    String start = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    if (seconds > 0) {
      Workflow.sleep(Duration.ofSeconds(seconds));
    }
    String end = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    steps.add(new StepStatus(name, phase, StepState.DONE, start, end, seconds * 1000L, ""));
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {}

  @Override
  public void abort(AbortSignal signal) {}

  @Override
  public FailoverStatus status() {
    return null;
  }
}
