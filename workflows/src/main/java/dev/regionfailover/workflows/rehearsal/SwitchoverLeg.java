package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.StepStatus;
import java.time.Instant;
import java.util.List;

/**
 * One DRILL failover of a rehearsal and the figures a compliance review asks for, all taken from
 * the failover's own step timings (ISO-8601 instants, durations in milliseconds):
 *
 * <ul>
 *   <li>{@code trafficShiftedAfterMillis}: from the failover's first step to the end of its last
 *       SHIFT step, when every traffic layer had been moved and read back;
 *   <li>{@code writeUnavailableMillis}: from the start of FENCE (the ledger fenced, no region may
 *       write) to the end of ACTIVATE (the target's writes flag on);
 *   <li>{@code rpoSeconds}: the data the promotion could lose, 0 for a switchover.
 * </ul>
 */
public record SwitchoverLeg(
    String workflowId,
    String fromRegion,
    String toRegion,
    Phase outcome,
    String startedAt,
    String trafficShiftedAt,
    String writesFencedAt,
    String writesResumedAt,
    String endedAt,
    long trafficShiftedAfterMillis,
    long writeUnavailableMillis,
    Long rpoSeconds,
    String rpoBasis,
    long totalMillis,
    List<StepStatus> steps) {

  public SwitchoverLeg {
    steps = List.copyOf(steps);
  }

  /**
   * Measures a finished failover.
   *
   * @throws IllegalArgumentException when its steps lack a phase the figures are taken from
   */
  public static SwitchoverLeg measure(String workflowId, FailoverResult result) {
    List<StepStatus> steps = result.steps();
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("failover " + workflowId + " reported no steps");
    }
    String started = steps.get(0).startedAt();
    String shifted = require(workflowId, lastEnd(steps, Phase.SHIFT), "end of SHIFT");
    String fenced = require(workflowId, firstStart(steps, Phase.FENCE), "start of FENCE");
    String resumed = require(workflowId, lastEnd(steps, Phase.ACTIVATE), "end of ACTIVATE");
    String ended = steps.get(steps.size() - 1).endedAt();
    return new SwitchoverLeg(
        workflowId,
        result.sourceRegion(),
        result.targetRegion(),
        result.outcome(),
        started,
        shifted,
        fenced,
        resumed,
        ended,
        millisBetween(started, shifted),
        millisBetween(fenced, resumed),
        result.rpo() == null ? null : result.rpo().seconds(),
        result.rpo() == null ? "the failover reported no RPO" : result.rpo().basis(),
        result.totalMillis(),
        steps);
  }

  /** Milliseconds from {@code from} to {@code to}, both ISO-8601 instants. */
  static long millisBetween(String from, String to) {
    return Instant.parse(to).toEpochMilli() - Instant.parse(from).toEpochMilli();
  }

  private static String firstStart(List<StepStatus> steps, Phase phase) {
    return steps.stream()
        .filter(s -> s.phase() == phase)
        .map(StepStatus::startedAt)
        .findFirst()
        .orElse(null);
  }

  private static String lastEnd(List<StepStatus> steps, Phase phase) {
    String end = null;
    for (StepStatus step : steps) {
      if (step.phase() == phase && step.endedAt() != null) {
        end = step.endedAt();
      }
    }
    return end;
  }

  private static String require(String workflowId, String instant, String what) {
    if (instant == null) {
      throw new IllegalArgumentException(
          "failover "
              + workflowId
              + " reported no step for the "
              + what
              + ", so it cannot be timed");
    }
    return instant;
  }
}
