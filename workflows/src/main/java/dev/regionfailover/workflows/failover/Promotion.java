package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.PromoteRequest;
import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.quota.QuotaApi;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import java.util.List;

/**
 * PROMOTE: makes the target's Aurora cluster the writer, points the writer record at it and makes
 * the target the writer in the ledger. From here on nothing is rolled back automatically, so the
 * compensations registered so far are dropped.
 */
final class Promotion {

  private final FailoverState state;
  private final StepRunner runner;
  private final AuthorityLedger ledger;
  private final QuotaBoundStub<AuroraActivities> promotion;
  private final QuotaBoundStub<DnsActivities> dns;

  /**
   * @param promotion Aurora calls that wait for the promotion to finish
   */
  Promotion(
      FailoverState state,
      StepRunner runner,
      AuthorityLedger ledger,
      QuotaBoundStub<AuroraActivities> promotion,
      QuotaBoundStub<DnsActivities> dns) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
    this.promotion = requireNonNull(promotion, "promotion is null");
    this.dns = requireNonNull(dns, "dns is null");
  }

  void promote() {
    state.enter(Phase.PROMOTE);
    state.promotionStarted = true;
    state.compensations.clear();
    FailoverRequest request = state.request;
    Estate estate = state.estate;
    boolean dataLossAllowed = state.dataLossAllowed();
    String targetCluster = estate.aurora().cluster(request.targetRegion());
    if (!dataLossAllowed) {
      state.rpo = new RpoEstimate(0L, "switchover synchronizes the secondary before promoting it");
    }
    PromotionResult promoted =
        runner.step(
            "promote aurora",
            (dataLossAllowed ? "failover with data loss allowed of " : "switchover of ")
                + estate.aurora().globalCluster()
                + " to "
                + targetCluster,
            () ->
                promotion
                    .on(QuotaApi.RDS, estate.aws())
                    .promote(
                        new PromoteRequest(
                            estate.aurora().globalCluster(),
                            targetCluster,
                            request.targetRegion(),
                            dataLossAllowed)),
            p ->
                "writer is "
                    + p.writerClusterArn()
                    + (p.issued() ? "" : " (already requested before a retry)"));
    var writerRecord = estate.aurora().writerRecord();
    runner.step(
        "point writer record",
        writerRecord.name() + " -> " + promoted.writerEndpoint(),
        () ->
            dns.on(QuotaApi.ROUTE53, estate.aws())
                .pointRecord(
                    new PointRecordRequest(
                        writerRecord.zone(),
                        writerRecord.name(),
                        promoted.writerEndpoint(),
                        writerRecord.ttl())),
        StepResults::describe);
    long fencedEpoch = state.authority.epoch();
    if (dataLossAllowed) {
      activateAuthorityIn(fencedEpoch);
      return;
    }
    state.authority =
        runner.step(
            "activate authority",
            activation(fencedEpoch),
            () ->
                ledger
                    .everywhere()
                    .transition(
                        ledger.change(
                            fencedEpoch,
                            AuthorityState.ACTIVE,
                            request.targetRegion(),
                            promotionReason())),
            StatusText::authority);
  }

  /**
   * Makes the target the writer in every ledger copy that was fenced. A copy the failover never
   * reached keeps its old epoch until its region returns; that is reported, since only replication
   * or a reconcile can bring it forward.
   */
  private void activateAuthorityIn(long fencedEpoch) {
    FailoverRequest request = state.request;
    Estate estate = state.estate;
    for (String region : estate.regions()) {
      if (!state.fencedRegions.contains(region)) {
        state.findings.add(
            Finding.warn(
                "authority-ledger-copy",
                estate.authority().table() + " in " + region,
                "not updated: unreachable since FENCE",
                "epoch " + (fencedEpoch + 1) + " with " + request.targetRegion() + " writing"));
        continue;
      }
      AuthorityActivities copy = ledger.in(region);
      AuthorityRecord active =
          runner.stepIfReachable(
              "activate authority in " + region,
              activation(fencedEpoch),
              () ->
                  copy.transition(
                      ledger.changeIn(
                          List.of(region),
                          fencedEpoch,
                          AuthorityState.ACTIVE,
                          request.targetRegion(),
                          promotionReason())),
              StatusText::authority);
      if (active == null) {
        state.findings.add(
            Finding.warn(
                "authority-ledger-copy",
                estate.authority().table() + " in " + region,
                "left FENCED at epoch " + fencedEpoch + ": unreachable after promotion",
                "epoch " + (fencedEpoch + 1) + " with " + request.targetRegion() + " writing"));
      } else if (region.equals(request.targetRegion())) {
        state.authority = active;
      }
    }
  }

  /** What activating authority changes, for the detail of its step. */
  private String activation(long fencedEpoch) {
    return "epoch "
        + fencedEpoch
        + " -> "
        + (fencedEpoch + 1)
        + ", "
        + state.request.targetRegion()
        + " writes";
  }

  /** Why the ledger names the target the writer, as recorded in the ledger. */
  private String promotionReason() {
    return "promote " + state.request.targetRegion() + ": " + state.request.reason();
  }
}
