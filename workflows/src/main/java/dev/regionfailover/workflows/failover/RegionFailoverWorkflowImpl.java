package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagReading;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.aurora.PromoteRequest;
import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinPlan;
import dev.regionfailover.workflows.pins.RepinProgress;
import dev.regionfailover.workflows.pins.RepinRequest;
import dev.regionfailover.workflows.pins.RepinResult;
import dev.regionfailover.workflows.pins.RepinSummary;
import dev.regionfailover.workflows.readiness.Finding;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.readiness.GuardRequest;
import dev.regionfailover.workflows.readiness.Verdict;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The failover saga. Until PROMOTE begins, every forward step has a compensation registered before
 * it runs, and deny, abort, an approval timeout or a failed step undo what was done. From PROMOTE
 * on there is no automatic rollback: failing back is a new planned failover.
 */
public class RegionFailoverWorkflowImpl implements RegionFailoverWorkflow {

  private static final Logger log = Workflow.getLogger(RegionFailoverWorkflowImpl.class);

  /** Change ids for Workflow.getVersion; each has a replay fixture of the behaviour before it. */
  static final String UNPLANNED_CHANGE = "unplanned-failover";

  static final String GUARDS_CHANGE = "assess-guards";

  static final String REPIN_CHANGE = "repin-child-workflow";

  static final String RECONCILE_CHANGE = "reconcile-workflow";

  static final String MONITOR_APPROVAL_CHANGE = "monitor-auto-approval";

  /**
   * Calls into a source region that may be down: a bounded budget, so an UNPLANNED failover moves
   * on and records what it could not reach instead of retrying for minutes.
   */
  static final int PROBE_ATTEMPTS = 3;

  private static final ActivityOptions PROBE =
      AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), PROBE_ATTEMPTS);

  private static final ActivityOptions SHORT =
      AwsActivityOptions.persistent(Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS);

  private static final ActivityOptions WAITING =
      AwsActivityOptions.persistent(
          Duration.ofHours(1), Duration.ofSeconds(20), AwsActivityOptions.STANDARD_ATTEMPTS);

  private static final ActivityOptions BULK =
      AwsActivityOptions.persistent(
          Duration.ofHours(6), Duration.ofSeconds(30), AwsActivityOptions.STANDARD_ATTEMPTS);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final AuthorityActivities authorityLedger =
      Workflow.newActivityStub(AuthorityActivities.class, SHORT);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, SHORT);
  private final AuroraActivities promotion =
      Workflow.newActivityStub(AuroraActivities.class, WAITING);
  private final DnsActivities dns = Workflow.newActivityStub(DnsActivities.class, SHORT);
  private final FleetActivities fleets = Workflow.newActivityStub(FleetActivities.class, SHORT);
  private final FlagActivities flags = Workflow.newActivityStub(FlagActivities.class, SHORT);
  private final PinActivities pins = Workflow.newActivityStub(PinActivities.class, BULK);
  private final GuardActivities guards = Workflow.newActivityStub(GuardActivities.class, SHORT);
  private final TrafficActivities traffic =
      Workflow.newActivityStub(TrafficActivities.class, SHORT);
  private final AuthorityActivities sourceLedger =
      Workflow.newActivityStub(AuthorityActivities.class, PROBE);
  private final AuroraActivities sourceAurora =
      Workflow.newActivityStub(AuroraActivities.class, PROBE);
  private final FleetActivities sourceFleets =
      Workflow.newActivityStub(FleetActivities.class, PROBE);
  private final FlagActivities sourceFlags = Workflow.newActivityStub(FlagActivities.class, PROBE);

  private final StepLog steps = new StepLog();
  private final ApprovalGate gate = new ApprovalGate();
  private final List<Compensation> compensations = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> unconfirmedFences = new ArrayList<>();
  private final List<String> fencedRegions = new ArrayList<>();

  private FailoverRequest request;
  private FailoverMode mode;
  private Estate estate;
  private String source;
  private Phase phase = Phase.ASSESS;
  private AuthorityRecord authority;
  private WaitingFor waitingFor;
  private RpoEstimate rpo;
  private long repinned;
  private RepinProgress repinProgress;
  private String outcome;
  private AbortSignal abortRequest;
  private boolean promotionStarted;
  private boolean awaitingFenceConfirmation;
  private String fenceConfirmedBy;
  private String lastUnreachable;
  private FleetCapacity sourceFleet;
  private long startedAtMillis;

  @Override
  public FailoverResult run(FailoverRequest input) {
    startedAtMillis = Workflow.currentTimeMillis();
    request =
        input == null
            ? new FailoverRequest(null, null, (String) null, null, null)
            : input.withDefaults();
    publish();
    try {
      assess();
      shift();
      if (dataLossAllowed()) {
        fenceReachable();
      } else {
        fence();
      }
      if (!awaitApproval()) {
        return compensateAndEnd(Phase.ABORTED, outcome);
      }
      promote();
      repin();
      activate();
      reconcile();
      return end(Phase.COMPLETED, completionSummary());
    } catch (Interruption interruption) {
      return compensateAndEnd(Phase.ABORTED, interruption.getMessage());
    } catch (TemporalFailure failure) {
      throw fail(failure);
    }
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    gate.approve(signal, StepLog.now());
    publish();
  }

  @Override
  public void denyPromotion(DenialSignal signal) {
    gate.deny(signal, StepLog.now());
    publish();
  }

  @Override
  public void abort(AbortSignal signal) {
    String by = signal == null ? null : signal.by();
    String reason = signal == null ? null : signal.reason();
    String refusal = null;
    if (promotionStarted) {
      refusal =
          "promotion has begun and is never rolled back automatically; failing back is a new planned failover";
    } else if (isFinal()) {
      refusal = "the failover already ended " + phase;
    } else if (abortRequest != null) {
      refusal = "already aborting at the request of " + abortRequest.by();
    }
    if (refusal == null) {
      abortRequest = new AbortSignal(by == null ? "unspecified" : by, reason == null ? "" : reason);
    }
    gate.record(new SignalRecord("abort", by, reason, StepLog.now(), refusal == null, refusal));
    publish();
  }

  @Override
  public void confirmFenced(ConfirmFencedSignal signal) {
    String by = signal == null ? null : signal.by();
    String note = signal == null ? null : signal.note();
    String refusal = null;
    if (by == null || by.isBlank()) {
      refusal = "the payload has no \"by\"";
    } else if (!awaitingFenceConfirmation) {
      refusal =
          "the workflow is not waiting for a fence confirmation; send it when status lists unconfirmed fences";
    }
    if (refusal == null) {
      fenceConfirmedBy = by;
    }
    gate.record(
        new SignalRecord("confirmFenced", by, note, StepLog.now(), refusal == null, refusal));
    publish();
  }

  @Override
  public void repinProgress(RepinProgress progress) {
    if (progress != null && phase == Phase.REPIN) {
      repinProgress = progress;
      publish();
    }
  }

  @Override
  public FailoverStatus status() {
    return new FailoverStatus(
        request == null ? null : request.app(),
        mode,
        source,
        request == null ? null : request.targetRegion(),
        request == null ? null : request.requestedBy(),
        request == null ? null : request.reason(),
        phase,
        steps.all(),
        waitingFor,
        List.copyOf(unconfirmedFences),
        gate.records(),
        authority,
        rpo,
        repinned,
        List.copyOf(findings),
        outcome,
        repinProgress);
  }

  private void assess() {
    enter(Phase.ASSESS);
    validateRequest();
    estate =
        step(
            "load estate",
            "read the estate of " + request.app(),
            () -> estates.load(new LoadEstateRequest(request.app())),
            e -> e.regions().toString());
    if (!estate.regions().contains(request.targetRegion())) {
      throw assessmentFailure(
          "target region "
              + request.targetRegion()
              + " is not a region of "
              + request.app()
              + " "
              + estate.regions());
    }
    authority =
        step(
            "read authority",
            "ledger " + estate.authority().table() + " in " + estate.regions(),
            this::readAuthority,
            StatusText::authority);
    AuroraTopology topology =
        step(
            "describe aurora",
            estate.aurora().globalCluster(),
            this::describeTopology,
            t -> describe(t));
    source = currentWriter(topology);
    if (source.equals(request.targetRegion())) {
      throw assessmentFailure(
          request.targetRegion()
              + " is already the writer of "
              + request.app()
              + " ("
              + StatusText.authority(authority)
              + ")");
    }
    List<Finding> readiness =
        step(
            "check readiness",
            "Aurora in " + request.targetRegion() + " against " + source,
            () ->
                aurora.checkReadiness(
                    new ReadinessRequest(
                        estate.aurora(), source, request.targetRegion(), dataLossAllowed())),
            this::summarize);
    findings.addAll(readiness);
    if (Workflow.getVersion(GUARDS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      List<Finding> guarded =
          step(
              "check guards",
              "schema versions, migrations and record TTLs in " + estate.regions(),
              () ->
                  guards.check(
                      new GuardRequest(
                          estate.guards(),
                          estate.regions(),
                          source,
                          request.targetRegion(),
                          estate.traffic() == null ? null : estate.traffic().route53(),
                          estate.aurora().writerRecord(),
                          dataLossAllowed())),
              this::summarize);
      findings.addAll(guarded);
      findings.add(approversAvailable());
    }
    List<String> failed =
        findings.stream().filter(f -> f.verdict() == Verdict.FAIL).map(Finding::describe).toList();
    if (!failed.isEmpty()) {
      throw assessmentFailure(
          request.targetRegion()
              + " is not ready to take over; nothing was changed:\n  "
              + String.join("\n  ", failed));
    }
    if (dataLossAllowed()) {
      estimateRpo();
    }
  }

  /**
   * Reads the ledger in every region. An UNPLANNED failover reads each copy on its own so that an
   * unreachable old region does not block it; the copies it can read must still agree.
   */
  private AuthorityRecord readAuthority() {
    if (!dataLossAllowed()) {
      return authorityLedger.read(
          new ReadAuthorityRequest(estate.app(), estate.authority().table(), estate.regions()));
    }
    List<AuthorityRecord> copies = new ArrayList<>();
    List<String> read = new ArrayList<>();
    for (String region : estate.regions()) {
      AuthorityActivities ledger =
          region.equals(request.targetRegion()) ? authorityLedger : sourceLedger;
      AuthorityRecord copy =
          reachable(
              () ->
                  ledger.read(
                      new ReadAuthorityRequest(
                          estate.app(), estate.authority().table(), List.of(region))));
      if (copy == null) {
        findings.add(
            Finding.warn(
                "authority-ledger-copy",
                estate.authority().table() + " in " + region,
                "unreachable",
                "readable; the copies that could be read decide"));
      } else {
        copies.add(copy);
        read.add(region);
      }
    }
    if (copies.isEmpty()) {
      throw assessmentFailure(
          "no copy of the authority ledger of "
              + request.app()
              + " could be read in "
              + estate.regions());
    }
    AuthorityRecord first = copies.get(0);
    for (int i = 1; i < copies.size(); i++) {
      AuthorityRecord other = copies.get(i);
      if (other.epoch() != first.epoch()
          || other.state() != first.state()
          || !Objects.equals(other.writerRegion(), first.writerRegion())) {
        throw assessmentFailure(
            "authority ledger copies disagree: "
                + read.get(0)
                + " says "
                + StatusText.authority(first)
                + ", "
                + read.get(i)
                + " says "
                + StatusText.authority(other)
                + "; repair the ledger by hand before any failover");
      }
    }
    return first;
  }

  /**
   * Whether enough approvers other than the requester exist, so that a failover never fences a
   * region and then waits for approvals that no one may give.
   */
  private Finding approversAvailable() {
    List<String> approvers = estate.approvals().approvers();
    long eligible = approvers.stream().filter(a -> !a.equals(request.requestedBy())).count();
    int required =
        switch (mode) {
          case DRILL -> 0;
          case PLANNED -> 1;
          case UNPLANNED -> estate.approvals().unplannedApprovals();
        };
    String observed =
        eligible
            + " approver(s) of "
            + approvers
            + " other than the requester "
            + request.requestedBy();
    String expected = "at least " + required;
    return eligible >= required
        ? Finding.pass("approvers-available", "approvals.approvers", observed, expected)
        : Finding.fail("approvers-available", "approvals.approvers", observed, expected);
  }

  /** The data an UNPLANNED promotion may lose: the target's newest replication lag. */
  private void estimateRpo() {
    String targetCluster = estate.aurora().cluster(request.targetRegion());
    LagReading lag =
        step(
            "estimate RPO",
            "newest AuroraGlobalDBRPOLag of " + targetCluster,
            () ->
                aurora.measureLag(
                    new LagRequest(
                        targetCluster, request.targetRegion(), estate.aurora().maxLagSeconds())),
            l ->
                l.lagMillis() == null
                    ? "no datapoint"
                    : Math.round(l.lagMillis()) + " ms at " + l.at());
    rpo =
        lag.lagMillis() == null
            ? new RpoEstimate(
                null,
                "unknown: no AuroraGlobalDBRPOLag datapoint of "
                    + targetCluster
                    + " in the last 10 minutes; any write the old primary took may be lost")
            : new RpoEstimate(
                (long) Math.ceil(lag.lagMillis() / 1000.0),
                "AuroraGlobalDBRPOLag of "
                    + targetCluster
                    + " was "
                    + Math.round(lag.lagMillis())
                    + " ms at "
                    + lag.at()
                    + ", the newest reading before promotion; writes in that window may be lost");
  }

  private void validateRequest() {
    List<String> problems = new ArrayList<>();
    if (request.app() == null || request.app().isBlank()) {
      problems.add("\"app\" is missing");
    }
    if (request.targetRegion() == null || request.targetRegion().isBlank()) {
      problems.add("\"targetRegion\" is missing");
    }
    mode = FailoverMode.parse(request.mode());
    if (mode == null) {
      problems.add(
          "\"mode\" is "
              + request.mode()
              + ", not one of "
              + Arrays.toString(FailoverMode.values()));
    }
    if (mode == FailoverMode.UNPLANNED
        && Workflow.getVersion(UNPLANNED_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      // Executions started before UNPLANNED existed refused it; their histories replay so.
      problems.add(
          "mode UNPLANNED is not available yet; use PLANNED (Aurora switchover, RPO 0) while the source region answers");
    }
    String expectedId = FailoverRequest.workflowId(request.app());
    String actualId = Workflow.getInfo().getWorkflowId();
    if (problems.isEmpty() && !actualId.equals(expectedId)) {
      problems.add(
          "workflow id is "
              + actualId
              + " but must be "
              + expectedId
              + ", so that at most one failover of "
              + request.app()
              + " runs at a time");
    }
    if (!problems.isEmpty()) {
      throw assessmentFailure("invalid request " + request + ": " + String.join("; ", problems));
    }
  }

  private AuroraTopology describeTopology() {
    List<String> regions = new ArrayList<>();
    regions.add(request.targetRegion());
    estate.regions().stream().filter(r -> !r.equals(request.targetRegion())).forEach(regions::add);
    return aurora.describe(new TopologyRequest(estate.aurora().globalCluster(), regions));
  }

  /**
   * Whoever the ledger names, provided Aurora agrees; Aurora's writer when there is no ledger yet.
   */
  private String currentWriter(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    if (authority.state() == AuthorityState.FENCED) {
      throw assessmentFailure(
          "authority of "
              + request.app()
              + " is FENCED at epoch "
              + authority.epoch()
              + " by "
              + authority.workflowId()
              + ": an earlier failover stopped between FENCE and PROMOTE; inspect it and restore authority before starting another");
    }
    if (writer == null) {
      throw assessmentFailure(
          "global cluster "
              + topology.globalCluster()
              + " has no writer (status "
              + topology.status()
              + ")");
    }
    if (authority.state() == AuthorityState.ACTIVE
        && !authority.writerRegion().equals(writer.region())) {
      throw assessmentFailure(
          "the authority ledger says "
              + authority.writerRegion()
              + " writes but Aurora's writer is "
              + writer.clusterArn()
              + " in "
              + writer.region()
              + "; reconcile them before failing over");
    }
    return writer.region();
  }

  /**
   * Moves every configured traffic layer to the target, in the estate's order, reading each back.
   */
  private void shift() {
    enter(Phase.SHIFT);
    checkAbort();
    List<TrafficLayer> layers = estate.traffic() == null ? List.of() : estate.traffic().layers();
    if (layers.isEmpty()) {
      steps.skip("shift traffic", Phase.SHIFT, "the estate has no traffic layer");
      return;
    }
    for (TrafficLayer layer : layers) {
      Route53Traffic route53 = estate.traffic().route53();
      if (layer == TrafficLayer.ROUTE53 && route53.routing() == RoutingPolicy.SIMPLE) {
        shiftRecord(route53);
      } else {
        shiftLayer(layer);
      }
      checkAbort();
    }
  }

  private void shiftRecord(Route53Traffic route53) {
    compensations.add(
        new Compensation(
            "point " + route53.recordName() + " back to " + source,
            () ->
                dns.pointRecord(
                    new PointRecordRequest(
                        route53.zone(),
                        route53.recordName(),
                        route53.targets().get(source),
                        route53.ttl()))));
    String target = route53.targets().get(request.targetRegion());
    step(
        "shift route53",
        route53.recordName() + " -> " + target,
        () ->
            dns.pointRecord(
                new PointRecordRequest(
                    route53.zone(), route53.recordName(), target, route53.ttl())),
        RegionFailoverWorkflowImpl::describe);
  }

  /** A layer whose regions each take a share: the target gets all of it, the others none. */
  private void shiftLayer(TrafficLayer layer) {
    LayerState before =
        step(
            "read " + layer.key(),
            "per-region settings in " + estate.regions(),
            () -> traffic.read(new LayerRequest(estate.traffic(), layer, estate.regions())),
            state -> state.values().toString());
    compensations.add(
        new Compensation(
            "restore " + layer.key() + " to " + before.values(), () -> traffic.apply(before)));
    step(
        "shift " + layer.key(),
        "all traffic to " + request.targetRegion(),
        () -> traffic.apply(before.shiftedTo(request.targetRegion())),
        state -> state.values().toString());
  }

  private void fence() {
    enter(Phase.FENCE);
    long fromEpoch = authority.epoch();
    compensations.add(
        new Compensation("restore authority to " + source, () -> restoreAuthority(fromEpoch + 1)));
    authority =
        step(
            "fence authority",
            "epoch " + fromEpoch + " -> " + (fromEpoch + 1) + ", no writer",
            () ->
                authorityLedger.transition(
                    transition(
                        fromEpoch,
                        AuthorityState.FENCED,
                        null,
                        "fence " + source + ": " + request.reason())),
            StatusText::authority);
    checkAbort();
    if (!estate.fleet(source).hasWorkers()) {
      steps.skip(
          "stop source fleet", Phase.FENCE, "the estate has no background workers in " + source);
    } else {
      sourceFleet =
          step(
              "snapshot source fleet",
              source,
              () -> fleets.snapshot(new FleetRequest(source, estate.fleet(source))),
              RegionFailoverWorkflowImpl::describe);
      FleetCapacity snapshot = sourceFleet;
      compensations.add(
          new Compensation("restore fleet in " + source, () -> fleets.scale(snapshot)));
      step(
          "stop source fleet",
          source + " to zero",
          () -> fleets.scale(snapshot.stopped()),
          RegionFailoverWorkflowImpl::describe);
    }
    checkAbort();
    String flag = estate.flags().writesEnabledParameter(source);
    FlagValue previous =
        step(
            "read source writes flag",
            flag + " in " + source,
            () -> flags.read(new FlagRequest(source, flag)),
            RegionFailoverWorkflowImpl::describe);
    compensations.add(
        new Compensation("restore " + flag + " in " + source, () -> flags.write(previous)));
    step(
        "disable source writes",
        flag + " = false in " + source,
        () -> flags.write(new FlagValue(source, flag, "false")),
        RegionFailoverWorkflowImpl::describe);
    checkAbort();
  }

  /** Gives authority back to the source, unless the fence never happened. */
  private void restoreAuthority(long fencedEpoch) {
    AuthorityRecord current =
        authorityLedger.read(
            new ReadAuthorityRequest(estate.app(), estate.authority().table(), estate.regions()));
    String ownId = Workflow.getInfo().getWorkflowId();
    if (current.state() == AuthorityState.FENCED
        && current.epoch() == fencedEpoch
        && ownId.equals(current.workflowId())) {
      authority =
          authorityLedger.transition(
              transition(
                  fencedEpoch,
                  AuthorityState.ACTIVE,
                  source,
                  "restore " + source + " after the failover ended early"));
    } else {
      authority = current;
    }
  }

  /**
   * Fences what an UNPLANNED failover can reach: each ledger copy, the source's background workers
   * and its writes flag, each on its own with a bounded retry budget in the source region. What
   * cannot be reached is listed in status and needs a human's confirmFenced before promotion.
   */
  private void fenceReachable() {
    enter(Phase.FENCE);
    long fromEpoch = authority.epoch();
    compensations.add(
        new Compensation(
            "restore authority to " + source,
            () -> restoreAuthorityIn(fencedRegions, fromEpoch + 1)));
    for (String region : estate.regions()) {
      AuthorityActivities ledger = region.equals(source) ? sourceLedger : authorityLedger;
      AuthorityRecord fenced =
          stepIfReachable(
              "fence authority in " + region,
              "epoch " + fromEpoch + " -> " + (fromEpoch + 1) + ", no writer",
              () ->
                  ledger.transition(
                      transitionIn(
                          List.of(region),
                          fromEpoch,
                          AuthorityState.FENCED,
                          null,
                          "fence " + source + ": " + request.reason())),
              StatusText::authority);
      if (fenced == null) {
        unconfirmedFences.add(
            "authority ledger copy " + estate.authority().table() + " in " + region);
      } else {
        fencedRegions.add(region);
        authority = fenced;
      }
    }
    checkAbort();
    Fleet fleet = estate.fleet(source);
    if (!fleet.hasWorkers()) {
      steps.skip(
          "stop source fleet", Phase.FENCE, "the estate has no background workers in " + source);
    } else {
      sourceFleet =
          stepIfReachable(
              "snapshot source fleet",
              source,
              () -> sourceFleets.snapshot(new FleetRequest(source, fleet)),
              RegionFailoverWorkflowImpl::describe);
      FleetCapacity stopped = null;
      if (sourceFleet != null) {
        FleetCapacity snapshot = sourceFleet;
        compensations.add(
            new Compensation("restore fleet in " + source, () -> sourceFleets.scale(snapshot)));
        stopped =
            stepIfReachable(
                "stop source fleet",
                source + " to zero",
                () -> sourceFleets.scale(snapshot.stopped()),
                RegionFailoverWorkflowImpl::describe);
      }
      if (stopped == null) {
        unconfirmedFences.addAll(FleetResources.describe(source, fleet));
      }
    }
    checkAbort();
    String flag = estate.flags().writesEnabledParameter(source);
    FlagValue previous =
        stepIfReachable(
            "read source writes flag",
            flag + " in " + source,
            () -> sourceFlags.read(new FlagRequest(source, flag)),
            RegionFailoverWorkflowImpl::describe);
    FlagValue disabled = null;
    if (previous != null) {
      compensations.add(
          new Compensation("restore " + flag + " in " + source, () -> sourceFlags.write(previous)));
      disabled =
          stepIfReachable(
              "disable source writes",
              flag + " = false in " + source,
              () -> sourceFlags.write(new FlagValue(source, flag, "false")),
              RegionFailoverWorkflowImpl::describe);
    }
    if (disabled == null) {
      unconfirmedFences.add("writes-enabled flag " + flag + " in " + source);
    }
    checkAbort();
    if (!unconfirmedFences.isEmpty()) {
      awaitFenceConfirmation();
    }
  }

  /** Waits until a human confirms that what could not be fenced is isolated, or aborts. */
  private void awaitFenceConfirmation() {
    Duration timeout = estate.approvals().timeout();
    int index =
        steps.start(
            "confirm fence",
            Phase.FENCE,
            unconfirmedFences.size() + " resource(s) in " + source + " could not be reached");
    awaitingFenceConfirmation = true;
    waitingFor =
        new WaitingFor(
            "confirmation that these resources in "
                + source
                + " are isolated (stopped, cut off or gone): "
                + String.join("; ", unconfirmedFences),
            StepLog.now(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis() + timeout.toMillis()).toString(),
            "signal confirmFenced {\"by\":\"NAME\",\"note\":\"...\"} (./failover confirm-fenced "
                + request.app()
                + " --by NAME --note TEXT) once they cannot write, or abort {\"by\":\"NAME\",\"reason\":\"...\"}");
    publish();
    boolean answered =
        Workflow.await(timeout, () -> fenceConfirmedBy != null || abortRequest != null);
    awaitingFenceConfirmation = false;
    waitingFor = null;
    if (abortRequest == null && answered) {
      steps.finish(index, StepState.DONE, "confirmed by " + fenceConfirmedBy);
      publish();
      return;
    }
    String why =
        abortRequest != null
            ? "aborted by "
                + abortRequest.by()
                + " while awaiting fence confirmation: "
                + abortRequest.reason()
            : "no fence confirmation within " + timeout;
    steps.finish(index, StepState.FAILED, why);
    throw new Interruption(why);
  }

  /** Gives authority back to the source in the regions that were fenced. */
  private void restoreAuthorityIn(List<String> regions, long fencedEpoch) {
    String ownId = Workflow.getInfo().getWorkflowId();
    for (String region : regions) {
      AuthorityActivities ledger = region.equals(source) ? sourceLedger : authorityLedger;
      AuthorityRecord current =
          ledger.read(
              new ReadAuthorityRequest(estate.app(), estate.authority().table(), List.of(region)));
      if (current.state() == AuthorityState.FENCED
          && current.epoch() == fencedEpoch
          && ownId.equals(current.workflowId())) {
        authority =
            ledger.transition(
                transitionIn(
                    List.of(region),
                    fencedEpoch,
                    AuthorityState.ACTIVE,
                    source,
                    "restore " + source + " after the failover ended early"));
      }
    }
  }

  /**
   * Whether this failover was started by the app's health monitor on an estate that exists for
   * drills and opted into automatic approval. The estate snapshot decides, not a signal, so no
   * payload can grant it; a production estate cannot opt in (the parser refuses).
   */
  private boolean approvedByMonitor() {
    return estate.rehearsal()
        && estate.detection() != null
        && estate.detection().autoApprove()
        && MonitorRequest.workflowId(request.app()).equals(request.requestedBy());
  }

  private boolean awaitApproval() {
    enter(Phase.AWAIT_APPROVAL);
    if (mode == FailoverMode.DRILL) {
      steps.skip("approval", Phase.AWAIT_APPROVAL, "DRILL approves itself");
      return true;
    }
    if (approvedByMonitor()
        && Workflow.getVersion(MONITOR_APPROVAL_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      steps.skip(
          "approval",
          Phase.AWAIT_APPROVAL,
          "approved by its health monitor "
              + request.requestedBy()
              + ": the estate is marked rehearsal and sets detection.autoApprove");
      return true;
    }
    Duration timeout = estate.approvals().timeout();
    int required = dataLossAllowed() ? estate.approvals().unplannedApprovals() : 1;
    gate.open(estate.approvals().approvers(), request.requestedBy(), required);
    int index =
        steps.start(
            "approval",
            Phase.AWAIT_APPROVAL,
            "waiting for " + required + " of " + estate.approvals().approvers());
    String since = StepLog.now();
    waitingFor =
        new WaitingFor(
            "approval to promote "
                + request.targetRegion()
                + (required == 1
                    ? " from one of "
                    : " from " + required + " distinct approvers of ")
                + estate.approvals().approvers()
                + " other than "
                + request.requestedBy(),
            since,
            Instant.ofEpochMilli(Workflow.currentTimeMillis() + timeout.toMillis()).toString(),
            "signal approvePromotion {\"approver\":\"NAME\",\"comment\":\"...\"} (./failover approve "
                + request.app()
                + " --as NAME), or denyPromotion {\"approver\":\"NAME\",\"reason\":\"...\"}, or abort {\"by\":\"NAME\",\"reason\":\"...\"}");
    publish();
    boolean answered =
        Workflow.await(
            timeout, () -> gate.approved() || gate.denial() != null || abortRequest != null);
    gate.close();
    waitingFor = null;
    if (abortRequest != null) {
      outcome =
          "aborted by " + abortRequest.by() + " while awaiting approval: " + abortRequest.reason();
    } else if (gate.denial() != null) {
      outcome = "denied by " + gate.denial().by() + ": " + gate.denial().text();
    } else if (!answered) {
      outcome = "no approval within " + timeout;
    } else {
      steps.finish(index, StepState.DONE, "approved by " + gate.approvedBy());
      publish();
      return true;
    }
    steps.finish(index, StepState.FAILED, outcome);
    return false;
  }

  private void promote() {
    enter(Phase.PROMOTE);
    promotionStarted = true;
    compensations.clear();
    String targetCluster = estate.aurora().cluster(request.targetRegion());
    if (!dataLossAllowed()) {
      rpo = new RpoEstimate(0L, "switchover synchronizes the secondary before promoting it");
    }
    PromotionResult promoted =
        step(
            "promote aurora",
            (dataLossAllowed() ? "failover with data loss allowed of " : "switchover of ")
                + estate.aurora().globalCluster()
                + " to "
                + targetCluster,
            () ->
                promotion.promote(
                    new PromoteRequest(
                        estate.aurora().globalCluster(),
                        targetCluster,
                        request.targetRegion(),
                        dataLossAllowed())),
            p ->
                "writer is "
                    + p.writerClusterArn()
                    + (p.issued() ? "" : " (already requested before a retry)"));
    var writerRecord = estate.aurora().writerRecord();
    step(
        "point writer record",
        writerRecord.name() + " -> " + promoted.writerEndpoint(),
        () ->
            dns.pointRecord(
                new PointRecordRequest(
                    writerRecord.zone(),
                    writerRecord.name(),
                    promoted.writerEndpoint(),
                    writerRecord.ttl())),
        RegionFailoverWorkflowImpl::describe);
    long fencedEpoch = authority.epoch();
    if (dataLossAllowed()) {
      activateAuthorityIn(fencedEpoch);
      return;
    }
    authority =
        step(
            "activate authority",
            "epoch "
                + fencedEpoch
                + " -> "
                + (fencedEpoch + 1)
                + ", "
                + request.targetRegion()
                + " writes",
            () ->
                authorityLedger.transition(
                    transition(
                        fencedEpoch,
                        AuthorityState.ACTIVE,
                        request.targetRegion(),
                        "promote " + request.targetRegion() + ": " + request.reason())),
            StatusText::authority);
  }

  /**
   * Makes the target the writer in every ledger copy that was fenced. A copy the failover never
   * reached keeps its old epoch until its region returns; that is reported, since only replication
   * or a reconcile can bring it forward.
   */
  private void activateAuthorityIn(long fencedEpoch) {
    for (String region : estate.regions()) {
      if (!fencedRegions.contains(region)) {
        findings.add(
            Finding.warn(
                "authority-ledger-copy",
                estate.authority().table() + " in " + region,
                "not updated: unreachable since FENCE",
                "epoch " + (fencedEpoch + 1) + " with " + request.targetRegion() + " writing"));
        continue;
      }
      AuthorityActivities ledger = region.equals(source) ? sourceLedger : authorityLedger;
      AuthorityRecord active =
          stepIfReachable(
              "activate authority in " + region,
              "epoch "
                  + fencedEpoch
                  + " -> "
                  + (fencedEpoch + 1)
                  + ", "
                  + request.targetRegion()
                  + " writes",
              () ->
                  ledger.transition(
                      transitionIn(
                          List.of(region),
                          fencedEpoch,
                          AuthorityState.ACTIVE,
                          request.targetRegion(),
                          "promote " + request.targetRegion() + ": " + request.reason())),
              StatusText::authority);
      if (active == null) {
        findings.add(
            Finding.warn(
                "authority-ledger-copy",
                estate.authority().table() + " in " + region,
                "left FENCED at epoch " + fencedEpoch + ": unreachable after promotion",
                "epoch " + (fencedEpoch + 1) + " with " + request.targetRegion() + " writing"));
      } else if (region.equals(request.targetRegion())) {
        authority = active;
      }
    }
  }

  private void repin() {
    enter(Phase.REPIN);
    if (estate.pins() == null) {
      steps.skip("repin entities", Phase.REPIN, "the estate has no pins table");
      return;
    }
    String detail = estate.pins().table() + ": " + source + " -> " + request.targetRegion();
    if (Workflow.getVersion(REPIN_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      RepinResult result =
          step(
              "repin entities",
              detail,
              () ->
                  pins.repin(
                      new RepinRequest(
                          estate.pins(), request.targetRegion(), source, request.targetRegion())),
              r -> r.moved() + " moved, " + r.retried() + " re-read after a concurrent change");
      repinned = result.moved();
      return;
    }
    // A child workflow keeps this history small whatever the table's size; it reports progress
    // back through the repinProgress signal.
    String childId = RepinEntitiesWorkflow.workflowId(request.app());
    RepinEntitiesWorkflow child =
        Workflow.newChildWorkflowStub(
            RepinEntitiesWorkflow.class,
            ChildWorkflowOptions.newBuilder().setWorkflowId(childId).build());
    RepinPlan plan =
        new RepinPlan(
            request.app(),
            estate.pins(),
            request.targetRegion(),
            source,
            request.targetRegion(),
            estate.authority().table(),
            Workflow.getInfo().getWorkflowId());
    RepinSummary summary =
        step(
            "repin entities",
            detail + ", in " + estate.pins().segments() + " segments by workflow " + childId,
            () -> child.run(plan),
            s ->
                s.moved()
                    + " of "
                    + s.total()
                    + " moved, "
                    + s.retried()
                    + " re-read after a concurrent change, in "
                    + s.runs()
                    + " run(s) of "
                    + childId);
    repinned = summary.moved();
  }

  private void activate() {
    enter(Phase.ACTIVATE);
    if (sourceFleet == null && estate.fleet(source).hasWorkers()) {
      startTargetFleetAtItsOwnSize();
    } else if (sourceFleet == null) {
      steps.skip(
          "start target fleet",
          Phase.ACTIVATE,
          "the estate has no background workers in " + source);
    } else {
      FleetCapacity desired =
          sourceFleet.movedTo(request.targetRegion(), estate.fleet(request.targetRegion()));
      step(
          "start target fleet",
          request.targetRegion() + " to the source's capacity",
          () -> fleets.scale(desired),
          RegionFailoverWorkflowImpl::describe);
    }
    String flag = estate.flags().writesEnabledParameter(request.targetRegion());
    step(
        "enable target writes",
        flag + " = true in " + request.targetRegion(),
        () -> flags.write(new FlagValue(request.targetRegion(), flag, "true")),
        RegionFailoverWorkflowImpl::describe);
  }

  /**
   * The source's capacity could not be read (UNPLANNED, source unreachable): the target's event
   * source mappings, rules, schedules and scaling processes are turned on, its services and groups
   * keep their sizes, and a finding tells the operator to size them.
   */
  private void startTargetFleetAtItsOwnSize() {
    String target = request.targetRegion();
    FleetCapacity current =
        step(
            "snapshot target fleet",
            target,
            () -> fleets.snapshot(new FleetRequest(target, estate.fleet(target))),
            RegionFailoverWorkflowImpl::describe);
    FleetCapacity desired = current.enabled();
    step(
        "start target fleet",
        target + " at its own sizes; the source's capacity is unknown",
        () -> fleets.scale(desired),
        RegionFailoverWorkflowImpl::describe);
    findings.add(
        Finding.warn(
            "fleet-capacity",
            "background workers in " + target,
            "the source fleet in "
                + source
                + " could not be read, so ECS services and Auto Scaling groups kept their sizes "
                + describe(desired),
            "the source's capacity; size them by hand"));
  }

  private void reconcile() {
    enter(Phase.RECONCILE);
    String oldCluster = estate.aurora().cluster(source);
    AuroraTopology topology =
        step("check old primary", oldCluster, this::describeTopology, t -> describe(t));
    ClusterMember old =
        topology.members().stream()
            .filter(m -> m.clusterArn().equals(oldCluster))
            .findFirst()
            .orElse(null);
    if (old == null) {
      findings.add(
          Finding.fail(
              "aurora-old-primary-rejoined",
              oldCluster,
              "not a member of " + topology.globalCluster(),
              "a secondary member"));
    } else if (old.writer()) {
      findings.add(
          Finding.fail(
              "aurora-old-primary-rejoined", oldCluster, "still the writer", "a secondary member"));
    } else {
      findings.add(
          Finding.pass(
              "aurora-old-primary-rejoined", oldCluster, "secondary member", "a secondary member"));
    }
    Finding lag =
        step(
            "check replication lag",
            oldCluster + " in " + source,
            () -> oldPrimaryLag(oldCluster),
            Finding::describe);
    findings.add(lag);
    if (Workflow.getVersion(RECONCILE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      startReconcile();
    }
  }

  /**
   * Starts ReconcileRegion under its own id and abandons it, so that it goes on waiting for the old
   * region long after this failover has ended. One that is still running from an earlier failover
   * is left alone and named in a finding.
   */
  private void startReconcile() {
    String id = ReconcileRegionWorkflow.workflowId(request.app());
    ReconcileRegionWorkflow child =
        Workflow.newChildWorkflowStub(
            ReconcileRegionWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    int index = steps.start("start reconcile", phase, "workflow " + id);
    publish();
    Async.function(
        child::run,
        new ReconcileRequest(
            request.app(),
            source,
            request.targetRegion(),
            startedAtMillis,
            Workflow.getInfo().getWorkflowId(),
            request.requestedBy()));
    try {
      Workflow.getWorkflowExecution(child).get();
      steps.finish(
          index,
          StepState.DONE,
          id + " started; it waits for " + source + " to answer, then reports");
    } catch (ChildWorkflowFailure e) {
      steps.finish(index, StepState.SKIPPED, "not started: " + rootMessage(e));
      findings.add(
          Finding.warn(
              "reconcile-started",
              id,
              "not started: " + rootMessage(e),
              "a ReconcileRegion for this failover; once the running one ends, start one with"
                  + " ./failover reconcile start "
                  + request.app()
                  + " --old-region "
                  + source));
    }
    publish();
  }

  /** The old primary's lag; after an UNPLANNED failover its region may still be unreachable. */
  private Finding oldPrimaryLag(String oldCluster) {
    LagRequest lag = new LagRequest(oldCluster, source, estate.aurora().maxLagSeconds());
    if (!dataLossAllowed()) {
      return aurora.lag(lag);
    }
    Finding finding = reachable(() -> sourceAurora.lag(lag));
    return finding != null
        ? finding
        : Finding.warn(
            "aurora-replication-lag",
            oldCluster,
            source + " is unreachable",
            "the old primary to rejoin as a secondary once " + source + " returns");
  }

  private FailoverResult compensateAndEnd(Phase end, String why) {
    List<String> failures = compensate();
    if (!failures.isEmpty()) {
      phase = Phase.FAILED;
      outcome = why + "; could not undo: " + String.join("; ", failures);
      publish();
      throw ApplicationFailure.newNonRetryableFailure(
          "failover of "
              + request.app()
              + " ended early ("
              + why
              + ") and these steps could not be undone: "
              + String.join("; ", failures),
          "CompensationFailed");
    }
    return end(end, why + "; every change was undone and " + source + " writes again");
  }

  /** Runs the registered compensations in reverse, even if the workflow is being cancelled. */
  private List<String> compensate() {
    List<String> failures = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              for (int i = compensations.size() - 1; i >= 0; i--) {
                Compensation compensation = compensations.get(i);
                int index = steps.start("undo: " + compensation.name(), phase, "");
                publish();
                try {
                  compensation.action().run();
                  steps.finish(index, StepState.COMPENSATED, "");
                } catch (ActivityFailure e) {
                  steps.finish(index, StepState.FAILED, rootMessage(e));
                  failures.add(compensation.name() + ": " + rootMessage(e));
                }
              }
              compensations.clear();
            })
        .run();
    return failures;
  }

  private RuntimeException fail(TemporalFailure failure) {
    if (failure instanceof ApplicationFailure own && phase == Phase.FAILED) {
      return own;
    }
    String message = rootMessage(failure);
    if (promotionStarted || compensations.isEmpty()) {
      phase = Phase.FAILED;
      outcome =
          promotionStarted
              ? "failed during "
                  + lastPhase()
                  + ": "
                  + message
                  + ". Promotion had begun, so nothing was rolled back: inspect the global cluster and the ledger; failing back is a new planned failover"
              : message;
      waitingFor = null;
      publish();
      return ApplicationFailure.newNonRetryableFailure(outcome, "FailoverFailed");
    }
    List<String> failures = compensate();
    phase = Phase.FAILED;
    outcome =
        failures.isEmpty()
            ? message + "; every change was undone and " + source + " writes again"
            : message + "; could not undo: " + String.join("; ", failures);
    publish();
    return ApplicationFailure.newNonRetryableFailure(outcome, "FailoverFailed");
  }

  private FailoverResult end(Phase end, String summary) {
    phase = end;
    outcome = summary;
    waitingFor = null;
    publish();
    log.info("failover of {} ended {}: {}", request.app(), end, summary);
    return new FailoverResult(
        request.app(),
        mode,
        source,
        request.targetRegion(),
        end,
        summary,
        steps.all(),
        authority,
        rpo,
        repinned,
        List.copyOf(findings),
        Workflow.currentTimeMillis() - startedAtMillis);
  }

  private String completionSummary() {
    long warnings = findings.stream().filter(f -> f.verdict() != Verdict.PASS).count();
    return request.targetRegion()
        + " is the writer of "
        + request.app()
        + " at epoch "
        + authority.epoch()
        + "; "
        + repinned
        + " entities re-pinned"
        + (warnings == 0 ? "" : "; " + warnings + " reconcile finding(s) need attention");
  }

  private AuthorityTransition transitionIn(
      List<String> regions, long fromEpoch, AuthorityState state, String writer, String reason) {
    return new AuthorityTransition(
        estate.app(),
        estate.authority().table(),
        regions,
        fromEpoch,
        fromEpoch + 1,
        state,
        writer,
        Workflow.getInfo().getWorkflowId(),
        reason);
  }

  private AuthorityTransition transition(
      long fromEpoch, AuthorityState state, String writer, String reason) {
    return transitionIn(estate.regions(), fromEpoch, state, writer, reason);
  }

  /** Runs one step, recording it in status before and after. */
  private <T> T step(String name, String detail, Supplier<T> action, Function<T, String> result) {
    int index = steps.start(name, phase, detail);
    WaitingFor previous = waitingFor;
    waitingFor =
        new WaitingFor(
            "step " + name + " (" + detail + ")",
            StepLog.now(),
            null,
            "nothing to do: it ends when its AWS calls succeed, or fails the step once their retries are spent");
    publish();
    try {
      T value = action.get();
      steps.finish(index, StepState.DONE, result.apply(value));
      return value;
    } catch (TemporalFailure e) {
      steps.finish(index, StepState.FAILED, rootMessage(e));
      throw e;
    } finally {
      waitingFor = previous;
      publish();
    }
  }

  /**
   * Runs a step whose region may not answer: when its bounded retries are spent it returns null and
   * the step is marked UNREACHABLE. A non-retryable failure (a conflict, a missing resource) still
   * fails the failover, because it is not an outage.
   */
  private <T> T stepIfReachable(
      String name, String detail, Supplier<T> action, Function<T, String> result) {
    int index = steps.start(name, phase, detail);
    publish();
    T value = reachable(action);
    if (value == null) {
      steps.finish(
          index,
          StepState.UNREACHABLE,
          "no answer after " + PROBE_ATTEMPTS + " attempts; " + lastUnreachable);
    } else {
      steps.finish(index, StepState.DONE, result.apply(value));
    }
    publish();
    return value;
  }

  /** The action's result, or null when it failed only because its region did not answer. */
  private <T> T reachable(Supplier<T> action) {
    try {
      return action.get();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure app && app.isNonRetryable()) {
        throw e;
      }
      lastUnreachable = rootMessage(e);
      return null;
    }
  }

  private void enter(Phase next) {
    phase = next;
    log.info("failover of {}: phase {}", request.app(), next);
    publish();
  }

  private void checkAbort() {
    if (abortRequest != null) {
      throw new Interruption(
          "aborted by " + abortRequest.by() + " during " + phase + ": " + abortRequest.reason());
    }
  }

  private ApplicationFailure assessmentFailure(String message) {
    phase = Phase.FAILED;
    outcome = message;
    publish();
    return ApplicationFailure.newNonRetryableFailure(message, "AssessmentFailed");
  }

  private boolean dataLossAllowed() {
    return mode == FailoverMode.UNPLANNED;
  }

  private boolean isFinal() {
    return phase == Phase.COMPLETED || phase == Phase.ABORTED || phase == Phase.FAILED;
  }

  private Phase lastPhase() {
    List<StepStatus> all = steps.all();
    return all.isEmpty() ? phase : all.get(all.size() - 1).phase();
  }

  private void publish() {
    Workflow.setCurrentDetails(StatusText.render(status()));
  }

  private String summarize(List<Finding> list) {
    long failed = list.stream().filter(f -> f.verdict() == Verdict.FAIL).count();
    return list.size() + " checks, " + failed + " failed";
  }

  private static String describe(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    return "status "
        + topology.status()
        + ", writer "
        + (writer == null ? "none" : writer.clusterArn());
  }

  private static String describe(RecordState record) {
    return record.name() + " = " + record.value() + (record.changed() ? "" : " (already so)");
  }

  private static String describe(FleetCapacity capacity) {
    return capacity.ecsServices().size()
        + " ECS service(s) and "
        + capacity.autoScalingGroups().size()
        + " Auto Scaling group(s) in "
        + capacity.region()
        + ", "
        + capacity.activeUnits()
        + " tasks and instances desired";
  }

  private static String describe(FlagValue flag) {
    return flag.name() + " = " + flag.value();
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
