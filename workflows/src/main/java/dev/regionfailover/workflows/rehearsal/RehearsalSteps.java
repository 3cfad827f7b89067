package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.StepState;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The steps of one rehearsal with their times, kept in workflow state for status and result. */
final class RehearsalSteps {

  private final List<RehearsalStep> steps = new ArrayList<>();

  /** Starts a step and returns its index. */
  int start(String name, RehearsalPhase phase, String workflowId, String detail) {
    steps.add(
        new RehearsalStep(name, phase, StepState.RUNNING, now(), null, 0, workflowId, detail));
    return steps.size() - 1;
  }

  void finish(int index, StepState state, String detail) {
    RehearsalStep step = steps.get(index);
    long ended = Workflow.currentTimeMillis();
    steps.set(
        index,
        new RehearsalStep(
            step.name(),
            step.phase(),
            state,
            step.startedAt(),
            Instant.ofEpochMilli(ended).toString(),
            ended - Instant.parse(step.startedAt()).toEpochMilli(),
            step.workflowId(),
            detail));
  }

  /** Replaces the detail of a running step, so status shows its progress. */
  void progress(int index, String detail) {
    RehearsalStep step = steps.get(index);
    steps.set(
        index,
        new RehearsalStep(
            step.name(),
            step.phase(),
            step.state(),
            step.startedAt(),
            step.endedAt(),
            step.durationMillis(),
            step.workflowId(),
            detail));
  }

  List<RehearsalStep> all() {
    return List.copyOf(steps);
  }

  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
