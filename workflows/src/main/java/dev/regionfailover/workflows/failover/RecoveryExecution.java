package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.WriterRecord;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.quota.QuotaApi;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out an approved recovery plan with the failover's own steps: fence the ledger and every
 * region that must not write, move traffic, point the writer record, make the writer authoritative
 * in the ledger, finish re-pinning, and activate the writer. Each ledger write is conditional on
 * the epoch the recovery read, so a change by anyone else since stops it before a second writer can
 * appear.
 */
final class RecoveryExecution {

  private final FailoverState state;
  private final StepRunner runner;
  private final AuthorityActivities ledger;
  private final AuthorityActivities probeLedger;
  private final AuroraActivities aurora;
  private final QuotaBoundStub<DnsActivities> dns;
  private final FleetActivities probeFleets;
  private final FlagActivities probeFlags;
  private final TrafficShift trafficShift;
  private final EntityRepin repin;
  private final Activation activation;

  /**
   * @param ledger calls into the writer's region, which must succeed
   * @param probeLedger, probeFleets, probeFlags calls into other regions, which may be down
   */
  RecoveryExecution(
      FailoverState state,
      StepRunner runner,
      AuthorityActivities ledger,
      AuthorityActivities probeLedger,
      AuroraActivities aurora,
      QuotaBoundStub<DnsActivities> dns,
      FleetActivities probeFleets,
      FlagActivities probeFlags,
      TrafficShift trafficShift,
      EntityRepin repin,
      Activation activation) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.probeLedger = requireNonNull(probeLedger, "probeLedger is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
    this.dns = requireNonNull(dns, "dns is null");
    this.probeFleets = requireNonNull(probeFleets, "probeFleets is null");
    this.probeFlags = requireNonNull(probeFlags, "probeFlags is null");
    this.trafficShift = requireNonNull(trafficShift, "trafficShift is null");
    this.repin = requireNonNull(repin, "repin is null");
    this.activation = requireNonNull(activation, "activation is null");
  }

  void execute(RecoveryPlan plan, RecoveryFacts facts) {
    state.promotionStarted = true;
    state.enter(Phase.FENCE);
    confirmWriter(plan);
    List<String> fenced = new ArrayList<>();
    for (RecoveryAction action : plan.of(RecoveryAction.Kind.FENCE_LEDGER)) {
      String region = action.region();
      AuthorityRecord copy = facts.ledgers().get(region);
      AuthorityRecord written =
          inRegion(
              plan,
              region,
              "fence authority in " + region,
              action.detail(),
              () ->
                  ledgerIn(plan, region)
                      .transition(
                          transition(
                              region,
                              copy.epoch(),
                              plan.newestEpoch() + 1,
                              AuthorityState.FENCED,
                              null,
                              "recover: fence every region before " + plan.writer() + " writes")),
              StatusText::authority);
      if (written != null) {
        fenced.add(region);
      }
    }
    for (RecoveryAction action : plan.of(RecoveryAction.Kind.STOP_FLEET)) {
      stopFleet(plan, action.region());
    }
    for (RecoveryAction action : plan.of(RecoveryAction.Kind.DISABLE_WRITES)) {
      String region = action.region();
      String flag = state.estate.flags().writesEnabledParameter(region);
      inRegion(
          plan,
          region,
          "disable writes in " + region,
          flag + " = false in " + region,
          () -> probeFlags.write(new FlagValue(region, flag, "false")),
          StepResults::describe);
    }
    if (plan.has(RecoveryAction.Kind.SHIFT_TRAFFIC)) {
      trafficShift.shift();
    }
    state.enter(Phase.PROMOTE);
    if (plan.has(RecoveryAction.Kind.POINT_WRITER_RECORD)) {
      WriterRecord record = state.estate.aurora().writerRecord();
      runner.step(
          "point writer record",
          record.name() + " -> " + facts.writerEndpoint(),
          () ->
              dns.on(QuotaApi.ROUTE53, state.estate.aws())
                  .pointRecord(
                      new PointRecordRequest(
                          record.zone(), record.name(), facts.writerEndpoint(), record.ttl())),
          StepResults::describe);
    }
    for (String region : fenced) {
      AuthorityRecord active =
          inRegion(
              plan,
              region,
              "activate authority in " + region,
              "epoch "
                  + (plan.newestEpoch() + 1)
                  + " -> "
                  + (plan.newestEpoch() + 2)
                  + ", "
                  + plan.writer()
                  + " writes",
              () ->
                  ledgerIn(plan, region)
                      .transition(
                          transition(
                              region,
                              plan.newestEpoch() + 1,
                              plan.newestEpoch() + 2,
                              AuthorityState.ACTIVE,
                              plan.writer(),
                              "recover: " + plan.writer() + " writes, as Aurora's writer")),
              StatusText::authority);
      if (active != null && region.equals(plan.writer())) {
        state.authority = active;
      }
    }
    if (plan.has(RecoveryAction.Kind.REPIN)) {
      repin.repin();
    }
    if (plan.has(RecoveryAction.Kind.START_FLEET) || plan.has(RecoveryAction.Kind.ENABLE_WRITES)) {
      InterruptedFailover interrupted = facts.interrupted();
      if (state.sourceFleet == null && interrupted != null) {
        state.sourceFleet = interrupted.sourceFleet();
      }
      activation.activate();
    }
  }

  /**
   * Reads Aurora again right before the first change: a writer that moved since the proposal was
   * approved makes the proposal wrong, so recovery stops with nothing changed.
   */
  private void confirmWriter(RecoveryPlan plan) {
    Estate estate = state.estate;
    AuroraTopology topology =
        runner.step(
            "confirm aurora writer",
            "still " + plan.writer(),
            () ->
                aurora.describe(
                    new TopologyRequest(estate.aurora().globalCluster(), estate.regions())),
            t -> StepResults.describe(t));
    ClusterMember writer = topology.writer();
    if (writer == null || !writer.region().equals(plan.writer())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Aurora's writer is "
              + (writer == null ? "none" : writer.clusterArn())
              + " now, not in "
              + plan.writer()
              + " as when the recovery was proposed; nothing was changed. Run ./failover recover "
              + estate.app()
              + " again to read the state afresh",
          "RecoveryOutdated");
    }
  }

  /** Snapshots a fleet that must not run, recording its capacity for the writer, then stops it. */
  private void stopFleet(RecoveryPlan plan, String region) {
    FleetCapacity snapshot =
        inRegion(
            plan,
            region,
            "snapshot fleet in " + region,
            region,
            () -> probeFleets.snapshot(new FleetRequest(region, state.estate.fleet(region))),
            StepResults::describe);
    if (snapshot == null) {
      return;
    }
    if (state.sourceFleet == null && snapshot.activeUnits() > 0) {
      state.sourceFleet = snapshot;
    }
    inRegion(
        plan,
        region,
        "stop fleet in " + region,
        region + " to zero",
        () -> probeFleets.scale(snapshot.stopped()),
        StepResults::describe);
  }

  /**
   * Runs a step in {@code region}: one in the writer's region must succeed; one elsewhere may find
   * the region down, which is reported and leaves that region as it is.
   */
  private <T> T inRegion(
      RecoveryPlan plan,
      String region,
      String name,
      String detail,
      Supplier<T> action,
      Function<T, String> result) {
    if (region.equals(plan.writer())) {
      return runner.step(name, detail, action, result);
    }
    T value = runner.stepIfReachable(name, detail, action, result);
    if (value == null) {
      state.findings.add(
          Finding.warn(
              "recovery-unreachable",
              name,
              region + " did not answer; left as it was",
              "run ./failover recover "
                  + state.estate.app()
                  + " again once "
                  + region
                  + " answers"));
    }
    return value;
  }

  private AuthorityActivities ledgerIn(RecoveryPlan plan, String region) {
    return region.equals(plan.writer()) ? ledger : probeLedger;
  }

  private AuthorityTransition transition(
      String region,
      long fromEpoch,
      long toEpoch,
      AuthorityState to,
      String writer,
      String reason) {
    return new AuthorityTransition(
        state.estate.app(),
        state.estate.authority().table(),
        List.of(region),
        fromEpoch,
        toEpoch,
        to,
        writer,
        Workflow.getInfo().getWorkflowId(),
        reason);
  }
}
