package dev.regionfailover.workflows.failover;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The steps of one failover with their times, kept in workflow state for status and result. */
final class StepLog {

  private final List<StepStatus> steps = new ArrayList<>();

  /** Starts a step and returns its index. */
  int start(String name, Phase phase, String detail) {
    steps.add(new StepStatus(name, phase, StepState.RUNNING, now(), null, 0, detail));
    return steps.size() - 1;
  }

  void finish(int index, StepState state, String detail) {
    StepStatus step = steps.get(index);
    long ended = Workflow.currentTimeMillis();
    long duration = ended - Instant.parse(step.startedAt()).toEpochMilli();
    steps.set(
        index,
        new StepStatus(
            step.name(),
            step.phase(),
            state,
            step.startedAt(),
            Instant.ofEpochMilli(ended).toString(),
            duration,
            detail));
  }

  /** Records a step that did not need to run, so status says why it has nothing to show. */
  void skip(String name, Phase phase, String why) {
    String at = now();
    steps.add(new StepStatus(name, phase, StepState.SKIPPED, at, at, 0, why));
  }

  List<StepStatus> all() {
    return List.copyOf(steps);
  }

  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
