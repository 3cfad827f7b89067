package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.account.AppAccount;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagReading;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.readiness.GuardRequest;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ASSESS: validates the request, loads the estate, finds the current writer and checks that the
 * target is ready, all before anything is changed.
 */
final class Assessment {

  private final FailoverState state;
  private final RequestValidation validation;
  private final StepRunner runner;
  private final AuthorityLedger ledger;
  private final GlobalCluster globalCluster;
  private final EstateActivities estates;
  private final AuroraActivities aurora;
  private final GuardActivities guards;

  Assessment(
      FailoverState state,
      RequestValidation validation,
      StepRunner runner,
      AuthorityLedger ledger,
      GlobalCluster globalCluster,
      EstateActivities estates,
      AuroraActivities aurora,
      GuardActivities guards) {
    this.state = requireNonNull(state, "state is null");
    this.validation = requireNonNull(validation, "validation is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.globalCluster = requireNonNull(globalCluster, "globalCluster is null");
    this.estates = requireNonNull(estates, "estates is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
    this.guards = requireNonNull(guards, "guards is null");
  }

  void assess() {
    state.enter(Phase.ASSESS);
    validation.validate();
    FailoverRequest request = state.request;
    state.estate =
        runner.step(
            "load estate",
            "read the estate of " + request.app(),
            () -> estates.load(new LoadEstateRequest(request.app())),
            e -> e.regions().toString());
    Estate estate = state.estate;
    AppAccount.use(estate.aws());
    if (!estate.regions().contains(request.targetRegion())) {
      throw state.assessmentFailure(
          "target region "
              + request.targetRegion()
              + " is not a region of "
              + request.app()
              + " "
              + estate.regions());
    }
    state.authority =
        runner.step(
            "read authority",
            "ledger " + estate.authority().table() + " in " + estate.regions(),
            this::readAuthority,
            StatusText::authority);
    AuroraTopology topology =
        runner.step(
            "describe aurora",
            estate.aurora().globalCluster(),
            globalCluster::describe,
            t -> StepResults.describe(t));
    state.source = currentWriter(topology);
    String source = state.source;
    if (source.equals(request.targetRegion())) {
      throw state.assessmentFailure(
          request.targetRegion()
              + " is already the writer of "
              + request.app()
              + " ("
              + StatusText.authority(state.authority)
              + ")");
    }
    List<Finding> readiness =
        runner.step(
            "check readiness",
            "Aurora in " + request.targetRegion() + " against " + source,
            () ->
                aurora.checkReadiness(
                    new ReadinessRequest(
                        estate.aurora(), source, request.targetRegion(), state.dataLossAllowed())),
            StepResults::summarize);
    state.findings.addAll(readiness);
    if (Workflow.getVersion(RegionFailoverWorkflowImpl.GUARDS_CHANGE, Workflow.DEFAULT_VERSION, 1)
        >= 1) {
      List<Finding> guarded =
          runner.step(
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
                          state.dataLossAllowed())),
              StepResults::summarize);
      state.findings.addAll(guarded);
      state.findings.add(approversAvailable());
    }
    List<String> failed =
        state.findings.stream()
            .filter(f -> f.verdict() == Verdict.FAIL)
            .map(Finding::describe)
            .toList();
    if (!failed.isEmpty()) {
      throw state.assessmentFailure(
          request.targetRegion()
              + " is not ready to take over; nothing was changed:\n  "
              + String.join("\n  ", failed));
    }
    if (state.dataLossAllowed()) {
      estimateRpo();
    }
  }

  /**
   * Reads the ledger in every region. An UNPLANNED failover reads each copy on its own so that an
   * unreachable old region does not block it; the copies it can read must still agree.
   */
  private AuthorityRecord readAuthority() {
    Estate estate = state.estate;
    if (!state.dataLossAllowed()) {
      return ledger
          .everywhere()
          .read(
              new ReadAuthorityRequest(estate.app(), estate.authority().table(), estate.regions()));
    }
    List<AuthorityRecord> copies = new ArrayList<>();
    List<String> read = new ArrayList<>();
    for (String region : estate.regions()) {
      AuthorityActivities copyLedger = ledger.beforeSourceIsKnownIn(region);
      AuthorityRecord copy =
          runner.reachable(
              () ->
                  copyLedger.read(
                      new ReadAuthorityRequest(
                          estate.app(), estate.authority().table(), List.of(region))));
      if (copy == null) {
        state.findings.add(
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
      throw state.assessmentFailure(
          "no copy of the authority ledger of "
              + state.request.app()
              + " could be read in "
              + estate.regions());
    }
    AuthorityRecord first = copies.get(0);
    for (int i = 1; i < copies.size(); i++) {
      AuthorityRecord other = copies.get(i);
      if (other.epoch() != first.epoch()
          || other.state() != first.state()
          || !Objects.equals(other.writerRegion(), first.writerRegion())) {
        throw state.assessmentFailure(
            "authority ledger copies disagree: "
                + read.get(0)
                + " says "
                + StatusText.authority(first)
                + ", "
                + read.get(i)
                + " says "
                + StatusText.authority(other)
                + "; run ./failover recover "
                + state.request.app()
                + " to settle every copy on Aurora's writer before any failover");
      }
    }
    return first;
  }

  /**
   * Whether enough approvers other than the requester exist, so that a failover never fences a
   * region and then waits for approvals that no one may give.
   */
  private Finding approversAvailable() {
    FailoverRequest request = state.request;
    List<String> approvers = state.estate.approvals().approvers();
    long eligible = approvers.stream().filter(a -> !a.equals(request.requestedBy())).count();
    int required =
        switch (state.mode) {
          case DRILL, RECOVER -> 0;
          case PLANNED -> 1;
          case UNPLANNED -> state.estate.approvals().unplannedApprovals();
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
    FailoverRequest request = state.request;
    Estate estate = state.estate;
    String targetCluster = estate.aurora().cluster(request.targetRegion());
    LagReading lag =
        runner.step(
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
    state.rpo =
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

  /**
   * Whoever the ledger names, provided Aurora agrees; Aurora's writer when there is no ledger yet.
   */
  private String currentWriter(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    AuthorityRecord authority = state.authority;
    if (authority.state() == AuthorityState.FENCED) {
      throw state.assessmentFailure(
          "authority of "
              + state.request.app()
              + " is FENCED at epoch "
              + authority.epoch()
              + " by "
              + authority.workflowId()
              + ": an earlier failover stopped between FENCE and PROMOTE; run ./failover recover "
              + state.request.app()
              + " to roll it back or forward before starting another");
    }
    if (writer == null) {
      throw state.assessmentFailure(
          "global cluster "
              + topology.globalCluster()
              + " has no writer (status "
              + topology.status()
              + ")");
    }
    if (authority.state() == AuthorityState.ACTIVE
        && !authority.writerRegion().equals(writer.region())) {
      throw state.assessmentFailure(
          "the authority ledger says "
              + authority.writerRegion()
              + " writes but Aurora's writer is "
              + writer.clusterArn()
              + " in "
              + writer.region()
              + "; run ./failover recover "
              + state.request.app()
              + " to make every region agree with Aurora's writer before failing over");
    }
    return writer.region();
  }
}
