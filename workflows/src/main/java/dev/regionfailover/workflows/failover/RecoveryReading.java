package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.account.AppAccount;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.EndpointRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.RecordRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.estate.WriterRecord;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.history.FailoverHistoryActivities;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.history.InterruptedFailoverRequest;
import dev.regionfailover.workflows.pins.CountRequest;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ASSESS of a recovery: validates the request, then reads, without changing anything, what the
 * interrupted failover did and how every region stands now. A region that does not answer within
 * the bounded retry budget is left out of the facts, not waited for.
 */
final class RecoveryReading {

  /**
   * How often, and how far apart, recovery looks at an Aurora switchover or failover in progress
   * before it gives up waiting: about five minutes, longer than a switchover takes.
   */
  private static final int SETTLE_LOOKS = 10;

  private static final Duration SETTLE_INTERVAL = Duration.ofSeconds(30);

  private final FailoverState state;
  private final StepRunner runner;
  private final EstateActivities estates;
  private final FailoverHistoryActivities history;
  private final AuthorityActivities ledgers;
  private final AuroraActivities aurora;
  private final DnsActivities dns;
  private final TrafficActivities traffic;
  private final FleetActivities fleets;
  private final FlagActivities flags;
  private final PinActivities pins;

  /**
   * @param ledgers, fleets, flags calls into regions that may be down, with a bounded retry budget
   */
  RecoveryReading(
      FailoverState state,
      StepRunner runner,
      EstateActivities estates,
      FailoverHistoryActivities history,
      AuthorityActivities ledgers,
      AuroraActivities aurora,
      DnsActivities dns,
      TrafficActivities traffic,
      FleetActivities fleets,
      FlagActivities flags,
      PinActivities pins) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.estates = requireNonNull(estates, "estates is null");
    this.history = requireNonNull(history, "history is null");
    this.ledgers = requireNonNull(ledgers, "ledgers is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
    this.dns = requireNonNull(dns, "dns is null");
    this.traffic = requireNonNull(traffic, "traffic is null");
    this.fleets = requireNonNull(fleets, "fleets is null");
    this.flags = requireNonNull(flags, "flags is null");
    this.pins = requireNonNull(pins, "pins is null");
  }

  RecoveryFacts read(RecoverRequest request) {
    state.enter(Phase.ASSESS);
    validate(request);
    String app = request.app();
    state.estate =
        runner.step(
            "load estate",
            "read the estate of " + app,
            () -> estates.load(new LoadEstateRequest(app)),
            e -> e.regions().toString());
    Estate estate = state.estate;
    AppAccount.use(estate.aws());
    InterruptedFailover interrupted = interrupted(request);
    Map<String, AuthorityRecord> copies = ledgerCopies();
    AuroraTopology topology = settledTopology();
    ClusterMember writer = topology.writer();
    String endpoint = null;
    if (writer != null && estate.regions().contains(writer.region())) {
      endpoint =
          runner.step(
              "read writer endpoint",
              writer.clusterArn(),
              () ->
                  aurora.clusterEndpoint(new EndpointRequest(writer.clusterArn(), writer.region())),
              e -> e);
    }
    WriterRecord writerRecord = estate.aurora().writerRecord();
    String writerRecordValue =
        record("read writer record", new RecordRequest(writerRecord.zone(), writerRecord.name()));
    String trafficRecord = null;
    List<LayerState> layers = new ArrayList<>();
    List<TrafficLayer> configured =
        estate.traffic() == null ? List.of() : estate.traffic().layers();
    for (TrafficLayer layer : configured) {
      Route53Traffic route53 = estate.traffic().route53();
      if (layer == TrafficLayer.ROUTE53 && route53.routing() == RoutingPolicy.SIMPLE) {
        trafficRecord =
            record("read route53", new RecordRequest(route53.zone(), route53.recordName()));
      } else {
        layers.add(
            runner.step(
                "read " + layer.key(),
                "per-region settings in " + estate.regions(),
                () -> traffic.read(new LayerRequest(estate.traffic(), layer, estate.regions())),
                s -> s.values().toString()));
      }
    }
    Map<String, FleetCapacity> fleetsRead = new TreeMap<>();
    Map<String, FlagValue> flagsRead = new TreeMap<>();
    for (String region : estate.regions()) {
      if (estate.fleet(region).hasWorkers()) {
        FleetCapacity fleet =
            runner.stepIfReachable(
                "snapshot fleet in " + region,
                region,
                () -> fleets.snapshot(new FleetRequest(region, estate.fleet(region))),
                StepResults::describe);
        if (fleet != null) {
          fleetsRead.put(region, fleet);
        }
      }
      String flag = estate.flags().writesEnabledParameter(region);
      FlagValue value =
          runner.stepIfReachable(
              "read writes flag in " + region,
              flag + " in " + region,
              () -> flags.read(new FlagRequest(region, flag)),
              StepResults::describe);
      if (value != null) {
        flagsRead.put(region, value);
      }
    }
    return new RecoveryFacts(
        copies,
        topology,
        endpoint,
        writerRecordValue,
        trafficRecord,
        layers,
        fleetsRead,
        flagsRead,
        entitiesLeft(interrupted, writer),
        interrupted);
  }

  /** Every ledger copy that answers, by region; the newest becomes the authority status shows. */
  private Map<String, AuthorityRecord> ledgerCopies() {
    Estate estate = state.estate;
    String table = estate.authority().table();
    Map<String, AuthorityRecord> copies = new TreeMap<>();
    for (String region : estate.regions()) {
      AuthorityRecord copy =
          runner.stepIfReachable(
              "read authority in " + region,
              table + " in " + region,
              () -> ledgers.read(new ReadAuthorityRequest(estate.app(), table, List.of(region))),
              StatusText::authority);
      if (copy != null) {
        copies.put(region, copy);
      }
    }
    copies.values().stream()
        .max((a, b) -> Long.compare(a.epoch(), b.epoch()))
        .ifPresent(newest -> state.authority = newest);
    return copies;
  }

  /** Where a CNAME points now, or null when there is no such record. */
  private String record(String step, RecordRequest request) {
    return runner
        .step(step, request.name(), () -> dns.readRecord(request), r -> String.valueOf(r.value()))
        .value();
  }

  private void validate(RecoverRequest request) {
    List<String> problems = new ArrayList<>();
    if (request.app() == null || request.app().isBlank()) {
      problems.add("\"app\" is missing");
    }
    if (request.requestedBy() == null || request.requestedBy().isBlank()) {
      problems.add(
          "\"requestedBy\" is missing; name who asks for the recovery, since no one may approve"
              + " their own request");
    }
    String actualId = Workflow.getInfo().getWorkflowId();
    if (problems.isEmpty() && !actualId.equals(FailoverRequest.workflowId(request.app()))) {
      problems.add(
          "workflow id is "
              + actualId
              + " but must be "
              + FailoverRequest.workflowId(request.app())
              + ", so that recovery never runs beside a failover of "
              + request.app());
    }
    if (!problems.isEmpty()) {
      throw state.assessmentFailure(
          "invalid request " + request + ": " + String.join("; ", problems));
    }
  }

  private InterruptedFailover interrupted(RecoverRequest request) {
    if (request.interruptedRunId() == null || request.interruptedRunId().isBlank()) {
      state.steps.skip(
          "read interrupted failover",
          Phase.ASSESS,
          "no run named; recovery works from what AWS says alone");
      return null;
    }
    String workflowId = FailoverRequest.workflowId(request.app());
    InterruptedFailover interrupted =
        runner.step(
            "read interrupted failover",
            "run " + request.interruptedRunId() + " of " + workflowId,
            () ->
                history.interrupted(
                    new InterruptedFailoverRequest(workflowId, request.interruptedRunId())),
            i ->
                i.closeStatus()
                    + " "
                    + i.mode()
                    + " failover "
                    + i.sourceRegion()
                    + " -> "
                    + i.targetRegion()
                    + (i.sourceFleet() == null
                        ? ", no fleet capacity recorded"
                        : ", source fleet " + StepResults.describe(i.sourceFleet())));
    state.source = interrupted.sourceRegion();
    return interrupted;
  }

  /** The global cluster once no switchover or failover is changing its writer, or as it stands. */
  private AuroraTopology settledTopology() {
    TopologyRequest request =
        new TopologyRequest(state.estate.aurora().globalCluster(), state.estate.regions());
    AuroraTopology topology = null;
    for (int look = 1; look <= SETTLE_LOOKS; look++) {
      topology =
          runner.step(
              "describe aurora",
              request.globalCluster(),
              () -> aurora.describe(request),
              t -> StepResults.describe(t));
      if (topology.writer() != null && !topology.changingWriter()) {
        return topology;
      }
      if (look < SETTLE_LOOKS) {
        Workflow.sleep(SETTLE_INTERVAL);
      }
    }
    return topology;
  }

  /** Entities still pinned to the source of a failover whose promotion happened, or -1. */
  private long entitiesLeft(InterruptedFailover interrupted, ClusterMember writer) {
    Estate estate = state.estate;
    if (interrupted == null
        || interrupted.sourceRegion() == null
        || writer == null
        || estate.pins() == null
        || writer.region().equals(interrupted.sourceRegion())
        || !writer.region().equals(interrupted.targetRegion())) {
      return -1;
    }
    String from = interrupted.sourceRegion();
    return runner
        .step(
            "count pinned entities",
            estate.pins().table() + ": entities at home in " + from,
            () -> pins.countEntities(new CountRequest(estate.pins(), writer.region(), from)),
            c -> c.entities() + " entities")
        .entities();
  }
}
