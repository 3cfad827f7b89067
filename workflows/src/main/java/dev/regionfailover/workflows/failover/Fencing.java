package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * FENCE: fences authority in the ledger, stops the source's background workers and disables its
 * writes, registering how to undo each before it runs. How a step runs depends on the mode.
 *
 * <ul>
 *   <li>A PLANNED failover or a DRILL, whose source answers, runs each step until it succeeds and
 *       fences every ledger copy in one transition.
 *   <li>An UNPLANNED failover fences what it can reach: each ledger copy, the fleet and the writes
 *       flag on their own, with a bounded retry budget in the source region. What cannot be reached
 *       is listed in status and needs a human's confirmFenced before promotion.
 * </ul>
 */
final class Fencing {

  private final FailoverState state;
  private final StepRunner runner;
  private final AuthorityLedger ledger;
  private final FleetActivities fleets;
  private final FlagActivities flags;
  private final FleetActivities sourceFleets;
  private final FlagActivities sourceFlags;

  /**
   * @param fleets calls that retry until they succeed, for a source that answers
   * @param flags calls that retry until they succeed, for a source that answers
   * @param sourceFleets calls into the source region, with a bounded retry budget
   * @param sourceFlags calls into the source region, with a bounded retry budget
   */
  Fencing(
      FailoverState state,
      StepRunner runner,
      AuthorityLedger ledger,
      FleetActivities fleets,
      FlagActivities flags,
      FleetActivities sourceFleets,
      FlagActivities sourceFlags) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.fleets = requireNonNull(fleets, "fleets is null");
    this.flags = requireNonNull(flags, "flags is null");
    this.sourceFleets = requireNonNull(sourceFleets, "sourceFleets is null");
    this.sourceFlags = requireNonNull(sourceFlags, "sourceFlags is null");
  }

  void fence() {
    state.enter(Phase.FENCE);
    boolean reachableOnly = state.dataLossAllowed();
    if (reachableOnly) {
      fenceReachableAuthority();
    } else {
      fenceAuthority();
    }
    state.checkAbort();
    stopFleet(
        reachableOnly, reachableOnly ? sourceFleets : fleets, reachableOnly ? sourceFlags : flags);
    if (reachableOnly && !state.unconfirmedFences.isEmpty()) {
      awaitFenceConfirmation();
    }
  }

  private void fenceAuthority() {
    String source = state.source;
    long fromEpoch = state.authority.epoch();
    state.compensations.add(
        new Compensation("restore authority to " + source, () -> restoreAuthority(fromEpoch + 1)));
    state.authority =
        runner.step(
            "fence authority",
            epochChange(fromEpoch),
            () -> ledger.everywhere().transition(fenceChange(state.estate.regions(), fromEpoch)),
            StatusText::authority);
  }

  private void fenceReachableAuthority() {
    long fromEpoch = state.authority.epoch();
    state.compensations.add(
        new Compensation(
            "restore authority to " + state.source,
            () -> restoreAuthorityIn(state.fencedRegions, fromEpoch + 1)));
    for (String region : state.estate.regions()) {
      AuthorityActivities copy = ledger.in(region);
      AuthorityRecord fenced =
          runner.stepIfReachable(
              "fence authority in " + region,
              epochChange(fromEpoch),
              () -> copy.transition(fenceChange(List.of(region), fromEpoch)),
              StatusText::authority);
      if (fenced == null) {
        state.unconfirmedFences.add(
            "authority ledger copy " + state.estate.authority().table() + " in " + region);
      } else {
        state.fencedRegions.add(region);
        state.authority = fenced;
      }
    }
  }

  /**
   * Stops the source's background workers and disables its writes. With {@code reachableOnly} a
   * step whose region does not answer is recorded as an unconfirmed fence instead of failing.
   */
  private void stopFleet(
      boolean reachableOnly, FleetActivities fleetCalls, FlagActivities flagCalls) {
    Estate estate = state.estate;
    String source = state.source;
    Fleet fleet = estate.fleet(source);
    if (!fleet.hasWorkers()) {
      state.steps.skip(
          "stop source fleet", Phase.FENCE, "the estate has no background workers in " + source);
    } else {
      state.sourceFleet =
          step(
              reachableOnly,
              "snapshot source fleet",
              source,
              () -> fleetCalls.snapshot(new FleetRequest(source, fleet)),
              StepResults::describe);
      FleetCapacity stopped = null;
      if (!reachableOnly || state.sourceFleet != null) {
        FleetCapacity snapshot = state.sourceFleet;
        state.compensations.add(
            new Compensation("restore fleet in " + source, () -> fleetCalls.scale(snapshot)));
        stopped =
            step(
                reachableOnly,
                "stop source fleet",
                source + " to zero",
                () -> fleetCalls.scale(snapshot.stopped()),
                StepResults::describe);
      }
      if (reachableOnly && stopped == null) {
        state.unconfirmedFences.addAll(FleetResources.describe(source, fleet));
      }
    }
    state.checkAbort();
    String flag = estate.flags().writesEnabledParameter(source);
    FlagValue previous =
        step(
            reachableOnly,
            "read source writes flag",
            flag + " in " + source,
            () -> flagCalls.read(new FlagRequest(source, flag)),
            StepResults::describe);
    FlagValue disabled = null;
    if (!reachableOnly || previous != null) {
      state.compensations.add(
          new Compensation("restore " + flag + " in " + source, () -> flagCalls.write(previous)));
      disabled =
          step(
              reachableOnly,
              "disable source writes",
              flag + " = false in " + source,
              () -> flagCalls.write(new FlagValue(source, flag, "false")),
              StepResults::describe);
    }
    if (reachableOnly && disabled == null) {
      state.unconfirmedFences.add("writes-enabled flag " + flag + " in " + source);
    }
    state.checkAbort();
  }

  /** Runs a fleet or flag step: until it succeeds, or while its region answers. */
  private <T> T step(
      boolean reachableOnly,
      String name,
      String detail,
      Supplier<T> action,
      Function<T, String> result) {
    return reachableOnly
        ? runner.stepIfReachable(name, detail, action, result)
        : runner.step(name, detail, action, result);
  }

  private static String epochChange(long fromEpoch) {
    return "epoch %d -> %d, no writer".formatted(fromEpoch, fromEpoch + 1);
  }

  private AuthorityTransition fenceChange(List<String> regions, long fromEpoch) {
    return ledger.changeIn(
        regions,
        fromEpoch,
        AuthorityState.FENCED,
        null,
        "fence %s: %s".formatted(state.source, state.request.reason()));
  }

  private AuthorityTransition restoreChange(List<String> regions, long fencedEpoch) {
    return ledger.changeIn(
        regions,
        fencedEpoch,
        AuthorityState.ACTIVE,
        state.source,
        "restore %s after the failover ended early".formatted(state.source));
  }

  /** Whether the copy is still as this workflow's fence left it, so that it may be restored. */
  private static boolean fencedByThisWorkflow(AuthorityRecord current, long fencedEpoch) {
    return current.state() == AuthorityState.FENCED
        && current.epoch() == fencedEpoch
        && Workflow.getInfo().getWorkflowId().equals(current.workflowId());
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
    state.authority =
        fencedByThisWorkflow(current, fencedEpoch)
            ? ledger.everywhere().transition(restoreChange(estate.regions(), fencedEpoch))
            : current;
  }

  /** Gives authority back to the source in the regions that were fenced. */
  private void restoreAuthorityIn(List<String> regions, long fencedEpoch) {
    Estate estate = state.estate;
    for (String region : regions) {
      AuthorityActivities copy = ledger.in(region);
      AuthorityRecord current =
          copy.read(
              new ReadAuthorityRequest(estate.app(), estate.authority().table(), List.of(region)));
      if (fencedByThisWorkflow(current, fencedEpoch)) {
        state.authority = copy.transition(restoreChange(List.of(region), fencedEpoch));
      }
    }
  }

  /** Waits until a human confirms that what could not be fenced is isolated, or aborts. */
  private void awaitFenceConfirmation() {
    Duration timeout = state.estate.approvals().timeout();
    int index =
        state.steps.start(
            "confirm fence",
            Phase.FENCE,
            "%d resource(s) in %s could not be reached"
                .formatted(state.unconfirmedFences.size(), state.source));
    state.awaitingFenceConfirmation = true;
    long waitStartedMillis = Workflow.currentTimeMillis();
    state.waitingFor =
        new WaitingFor(
            "confirmation that these resources in %s are isolated (stopped, cut off or gone): %s"
                .formatted(state.source, String.join("; ", state.unconfirmedFences)),
            StepLog.now(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis() + timeout.toMillis()).toString(),
            ("signal confirmFenced {\"by\":\"NAME\",\"note\":\"...\"} (./failover confirm-fenced"
                    + " %s --by NAME --note TEXT) once they cannot write, or abort"
                    + " {\"by\":\"NAME\",\"reason\":\"...\"}")
                .formatted(state.request.app()));
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
            ? "aborted by %s while awaiting fence confirmation: %s"
                .formatted(state.abortRequest.by(), state.abortRequest.reason())
            : "no fence confirmation within " + timeout;
    state.steps.finish(index, StepState.FAILED, why);
    throw new Interruption(why);
  }
}
