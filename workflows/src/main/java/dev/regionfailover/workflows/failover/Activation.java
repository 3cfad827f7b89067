package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;

/** ACTIVATE: starts the target's background workers and enables its writes. */
final class Activation {

  private final FailoverState state;
  private final StepRunner runner;
  private final FleetActivities fleets;
  private final FlagActivities flags;

  Activation(FailoverState state, StepRunner runner, FleetActivities fleets, FlagActivities flags) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.fleets = requireNonNull(fleets, "fleets is null");
    this.flags = requireNonNull(flags, "flags is null");
  }

  void activate() {
    state.enter(Phase.ACTIVATE);
    String source = state.source;
    String target = state.request.targetRegion();
    if (state.sourceFleet == null && state.estate.fleet(source).hasWorkers()) {
      startTargetFleetAtItsOwnSize();
    } else if (state.sourceFleet == null) {
      state.steps.skip(
          "start target fleet",
          Phase.ACTIVATE,
          "the estate has no background workers in " + source);
    } else {
      FleetCapacity desired = state.sourceFleet.movedTo(target, state.estate.fleet(target));
      runner.step(
          "start target fleet",
          target + " to the source's capacity",
          () -> fleets.scale(desired),
          StepResults::describe);
    }
    String flag = state.estate.flags().writesEnabledParameter(target);
    runner.step(
        "enable target writes",
        flag + " = true in " + target,
        () -> flags.write(new FlagValue(target, flag, "true")),
        StepResults::describe);
  }

  /**
   * The source's capacity could not be read (UNPLANNED, source unreachable): the target's event
   * source mappings, rules, schedules and scaling processes are turned on, its services and groups
   * keep their sizes, and a finding tells the operator to size them.
   */
  private void startTargetFleetAtItsOwnSize() {
    String target = state.request.targetRegion();
    FleetCapacity current =
        runner.step(
            "snapshot target fleet",
            target,
            () -> fleets.snapshot(new FleetRequest(target, state.estate.fleet(target))),
            StepResults::describe);
    FleetCapacity desired = current.enabled();
    runner.step(
        "start target fleet",
        target + " at its own sizes; the source's capacity is unknown",
        () -> fleets.scale(desired),
        StepResults::describe);
    state.findings.add(
        Finding.warn(
            "fleet-capacity",
            "background workers in " + target,
            "the source fleet in "
                + state.source
                + " could not be read, so ECS services and Auto Scaling groups kept their sizes "
                + StepResults.describe(desired),
            "the source's capacity; size them by hand"));
  }
}
