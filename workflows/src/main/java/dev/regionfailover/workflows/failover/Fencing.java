package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import io.temporal.workflow.Workflow;

/**
 * FENCE of a PLANNED failover or a DRILL, while the source answers: fences authority in every
 * ledger copy, stops the source's background workers and disables its writes, registering how to
 * undo each before it runs.
 */
final class Fencing {

  private final FailoverState state;
  private final StepRunner runner;
  private final AuthorityLedger ledger;
  private final FleetActivities fleets;
  private final FlagActivities flags;

  Fencing(
      FailoverState state,
      StepRunner runner,
      AuthorityLedger ledger,
      FleetActivities fleets,
      FlagActivities flags) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.fleets = requireNonNull(fleets, "fleets is null");
    this.flags = requireNonNull(flags, "flags is null");
  }

  void fence() {
    state.enter(Phase.FENCE);
    Estate estate = state.estate;
    String source = state.source;
    long fromEpoch = state.authority.epoch();
    state.compensations.add(
        new Compensation("restore authority to " + source, () -> restoreAuthority(fromEpoch + 1)));
    state.authority =
        runner.step(
            "fence authority",
            "epoch " + fromEpoch + " -> " + (fromEpoch + 1) + ", no writer",
            () ->
                ledger
                    .everywhere()
                    .transition(
                        ledger.change(
                            fromEpoch,
                            AuthorityState.FENCED,
                            null,
                            "fence " + source + ": " + state.request.reason())),
            StatusText::authority);
    state.checkAbort();
    if (!estate.fleet(source).hasWorkers()) {
      state.steps.skip(
          "stop source fleet", Phase.FENCE, "the estate has no background workers in " + source);
    } else {
      state.sourceFleet =
          runner.step(
              "snapshot source fleet",
              source,
              () -> fleets.snapshot(new FleetRequest(source, estate.fleet(source))),
              StepResults::describe);
      FleetCapacity snapshot = state.sourceFleet;
      state.compensations.add(
          new Compensation("restore fleet in " + source, () -> fleets.scale(snapshot)));
      runner.step(
          "stop source fleet",
          source + " to zero",
          () -> fleets.scale(snapshot.stopped()),
          StepResults::describe);
    }
    state.checkAbort();
    String flag = estate.flags().writesEnabledParameter(source);
    FlagValue previous =
        runner.step(
            "read source writes flag",
            flag + " in " + source,
            () -> flags.read(new FlagRequest(source, flag)),
            StepResults::describe);
    state.compensations.add(
        new Compensation("restore " + flag + " in " + source, () -> flags.write(previous)));
    runner.step(
        "disable source writes",
        flag + " = false in " + source,
        () -> flags.write(new FlagValue(source, flag, "false")),
        StepResults::describe);
    state.checkAbort();
  }

  /** Gives authority back to the source, unless the fence never happened. */
  private void restoreAuthority(long fencedEpoch) {
    Estate estate = state.estate;
    AuthorityRecord current =
        ledger
            .everywhere()
            .read(
                new ReadAuthorityRequest(
                    estate.app(), estate.authority().table(), estate.regions()));
    String ownId = Workflow.getInfo().getWorkflowId();
    if (current.state() == AuthorityState.FENCED
        && current.epoch() == fencedEpoch
        && ownId.equals(current.workflowId())) {
      state.authority =
          ledger
              .everywhere()
              .transition(
                  ledger.change(
                      fencedEpoch,
                      AuthorityState.ACTIVE,
                      state.source,
                      "restore " + state.source + " after the failover ended early"));
    } else {
      state.authority = current;
    }
  }
}
