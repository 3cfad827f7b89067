package dev.regionfailover.worker;

import dev.regionfailover.devstack.aws.CallHolds.ServedCall;
import dev.regionfailover.workflows.failover.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One place where the crash matrix kills the worker, derived from an uninterrupted run rather than
 * listed by hand: an activity execution of the failover (its type and how many of that type came
 * before it), the step it ran in, and the AWS call a kill before or during a call aims at (its
 * first mutating call, or its first call; none when it made no AWS call that the stand-in served).
 * For an execution that ran in parallel with others (the re-pin's segments), the aimed call is the
 * first such call made while it ran, which may be a sibling's.
 */
record CrashTarget(
    String step,
    String type,
    int occurrence,
    boolean parallel,
    ServedCall call,
    int callOccurrence) {

  /** The targets of a run's executions, in order, each named by the step it ran in. */
  static List<CrashTarget> of(List<ExecutionTrace.Execution> executions, List<StepStatus> steps) {
    List<CrashTarget> targets = new ArrayList<>();
    for (ExecutionTrace.Execution execution : executions) {
      String step = stepOf(execution.deliveredAt(), steps);
      if (execution.calls().isEmpty()) {
        targets.add(
            new CrashTarget(
                step,
                execution.type(),
                execution.occurrence(),
                execution.parallel().get(),
                null,
                0));
      } else {
        targets.add(
            new CrashTarget(
                step,
                execution.type(),
                execution.occurrence(),
                execution.parallel().get(),
                execution.aimedCall(),
                execution.aimedOccurrence()));
      }
    }
    return targets;
  }

  /** The steps in which no activity ran: waits for signals and other workflow-only steps. */
  static List<String> workflowOnlySteps(List<CrashTarget> targets, List<StepStatus> steps) {
    return steps.stream()
        .map(StepStatus::name)
        .filter(name -> targets.stream().noneMatch(t -> t.step().equals(name)))
        .distinct()
        .toList();
  }

  /** Whether a kill at {@code moment} applies: the first two need an AWS call to hold. */
  boolean applies(CrashMoment moment) {
    return moment == CrashMoment.BEFORE_RECORDED || call != null;
  }

  String activity() {
    return type + (occurrence > 1 ? " #" + occurrence : "") + (parallel ? " (parallel)" : "");
  }

  String describeCall() {
    return call == null ? "no AWS call" : call.operation() + " " + call.region();
  }

  /**
   * The step that started last before {@code at}: steps run one after another. Of steps that
   * started at the same instant (a skipped approval and the promotion after it), the later one.
   */
  private static String stepOf(Instant at, List<StepStatus> steps) {
    String chosen = "(before the first step)";
    Instant chosenStart = Instant.MIN;
    for (StepStatus step : steps) {
      if (step.startedAt() == null) {
        continue;
      }
      Instant started = Instant.parse(step.startedAt());
      if (!started.isAfter(at) && !started.isBefore(chosenStart)) {
        chosen = step.name();
        chosenStart = started;
      }
    }
    return chosen;
  }
}
