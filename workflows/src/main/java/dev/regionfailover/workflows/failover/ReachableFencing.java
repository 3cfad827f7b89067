package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * FENCE of an UNPLANNED failover: fences what it can reach, that is each ledger copy, the source's
 * background workers and its writes flag, each on its own with a bounded retry budget in the source
 * region. What cannot be reached is listed in status and needs a human's confirmFenced before
 * promotion.
 */
final class ReachableFencing {

  private final FailoverState state;
  private final StepRunner runner;
  private final AuthorityLedger ledger;
  private final FleetActivities sourceFleets;
  private final FlagActivities sourceFlags;

  /**
   * @param sourceFleets calls into the source region, with a bounded retry budget
   * @param sourceFlags calls into the source region, with a bounded retry budget
   */
  ReachableFencing(
      FailoverState state,
      StepRunner runner,
      AuthorityLedger ledger,
      FleetActivities sourceFleets,
      FlagActivities sourceFlags) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.sourceFleets = requireNonNull(sourceFleets, "sourceFleets is null");
    this.sourceFlags = requireNonNull(sourceFlags, "sourceFlags is null");
  }

  void fence() {
    state.enter(Phase.FENCE);
    Estate estate = state.estate;
    String source = state.source;
    long fromEpoch = state.authority.epoch();
    state.compensations.add(
        new Compensation(
            "restore authority to " + source,
            () -> restoreAuthorityIn(state.fencedRegions, fromEpoch + 1)));
    for (String region : estate.regions()) {
      AuthorityActivities copy = ledger.in(region);
      AuthorityRecord fenced =
          runner.stepIfReachable(
              "fence authority in " + region,
              "epoch " + fromEpoch + " -> " + (fromEpoch + 1) + ", no writer",
              () ->
                  copy.transition(
                      ledger.changeIn(
                          List.of(region),
                          fromEpoch,
                          AuthorityState.FENCED,
                          null,
                          "fence " + source + ": " + state.request.reason())),
              StatusText::authority);
      if (fenced == null) {
        state.unconfirmedFences.add(
            "authority ledger copy " + estate.authority().table() + " in " + region);
      } else {
        state.fencedRegions.add(region);
        state.authority = fenced;
      }
    }
    state.checkAbort();
    Fleet fleet = estate.fleet(source);
    if (!fleet.hasWorkers()) {
      state.steps.skip(
          "stop source fleet", Phase.FENCE, "the estate has no background workers in " + source);
    } else {
      state.sourceFleet =
          runner.stepIfReachable(
              "snapshot source fleet",
              source,
              () -> sourceFleets.snapshot(new FleetRequest(source, fleet)),
              StepResults::describe);
      FleetCapacity stopped = null;
      if (state.sourceFleet != null) {
        FleetCapacity snapshot = state.sourceFleet;
        state.compensations.add(
            new Compensation("restore fleet in " + source, () -> sourceFleets.scale(snapshot)));
        stopped =
            runner.stepIfReachable(
                "stop source fleet",
                source + " to zero",
                () -> sourceFleets.scale(snapshot.stopped()),
                StepResults::describe);
      }
      if (stopped == null) {
        state.unconfirmedFences.addAll(FleetResources.describe(source, fleet));
      }
    }
    state.checkAbort();
    String flag = estate.flags().writesEnabledParameter(source);
    FlagValue previous =
        runner.stepIfReachable(
            "read source writes flag",
            flag + " in " + source,
            () -> sourceFlags.read(new FlagRequest(source, flag)),
            StepResults::describe);
    FlagValue disabled = null;
    if (previous != null) {
      state.compensations.add(
          new Compensation("restore " + flag + " in " + source, () -> sourceFlags.write(previous)));
      disabled =
          runner.stepIfReachable(
              "disable source writes",
              flag + " = false in " + source,
              () -> sourceFlags.write(new FlagValue(source, flag, "false")),
              StepResults::describe);
    }
    if (disabled == null) {
      state.unconfirmedFences.add("writes-enabled flag " + flag + " in " + source);
    }
    state.checkAbort();
    if (!state.unconfirmedFences.isEmpty()) {
      awaitFenceConfirmation();
    }
  }

  /** Waits until a human confirms that what could not be fenced is isolated, or aborts. */
  private void awaitFenceConfirmation() {
    Duration timeout = state.estate.approvals().timeout();
    int index =
        state.steps.start(
            "confirm fence",
            Phase.FENCE,
            state.unconfirmedFences.size()
                + " resource(s) in "
                + state.source
                + " could not be reached");
    state.awaitingFenceConfirmation = true;
    long waitStartedMillis = Workflow.currentTimeMillis();
    state.waitingFor =
        new WaitingFor(
            "confirmation that these resources in "
                + state.source
                + " are isolated (stopped, cut off or gone): "
                + String.join("; ", state.unconfirmedFences),
            StepLog.now(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis() + timeout.toMillis()).toString(),
            "signal confirmFenced {\"by\":\"NAME\",\"note\":\"...\"} (./failover confirm-fenced "
                + state.request.app()
                + " --by NAME --note TEXT) once they cannot write, or abort {\"by\":\"NAME\",\"reason\":\"...\"}");
    state.publish();
    boolean answered =
        Workflow.await(timeout, () -> state.fenceConfirmedBy != null || state.abortRequest != null);
    state.awaitingFenceConfirmation = false;
    state.waitingFor = null;
    state.metrics.waited(state, FailoverMetrics.CONFIRM_FENCED, waitStartedMillis);
    if (state.abortRequest == null && answered) {
      state.steps.finish(index, StepState.DONE, "confirmed by " + state.fenceConfirmedBy);
      state.publish();
      return;
    }
    String why =
        state.abortRequest != null
            ? "aborted by "
                + state.abortRequest.by()
                + " while awaiting fence confirmation: "
                + state.abortRequest.reason()
            : "no fence confirmation within " + timeout;
    state.steps.finish(index, StepState.FAILED, why);
    throw new Interruption(why);
  }

  /** Gives authority back to the source in the regions that were fenced. */
  private void restoreAuthorityIn(List<String> regions, long fencedEpoch) {
    Estate estate = state.estate;
    String ownId = Workflow.getInfo().getWorkflowId();
    for (String region : regions) {
      AuthorityActivities copy = ledger.in(region);
      AuthorityRecord current =
          copy.read(
              new ReadAuthorityRequest(estate.app(), estate.authority().table(), List.of(region)));
      if (current.state() == AuthorityState.FENCED
          && current.epoch() == fencedEpoch
          && ownId.equals(current.workflowId())) {
        state.authority =
            copy.transition(
                ledger.changeIn(
                    List.of(region),
                    fencedEpoch,
                    AuthorityState.ACTIVE,
                    state.source,
                    "restore " + state.source + " after the failover ended early"));
      }
    }
  }
}
