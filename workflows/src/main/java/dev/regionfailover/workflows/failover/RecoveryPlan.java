package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.history.InterruptedFailover;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one safe way forward from what a recovery read: Aurora's writer decides which region writes,
 * since it is the only database that takes writes, and everything else is brought into line with
 * it. It rolls back to the source while Aurora's writer is still the source, and forward to
 * Aurora's writer once a promotion happened. Where the facts contradict each other in a way that no
 * order of steps can settle, it refuses and says what a human must check.
 *
 * @param refusal why no plan is safe, or null
 * @param writer the region that writes once the plan is carried out
 * @param other the region the interrupted failover moved from or to, which ends up not writing
 * @param newestEpoch the highest epoch of any ledger copy read
 * @param approvals how many distinct approvers other than the requester must approve
 * @param reasons why this is the way forward, and what was read that needs a human's attention
 * @param actions the changes to make, in order; empty when everything already agrees
 */
record RecoveryPlan(
    String refusal,
    Direction direction,
    String writer,
    String other,
    long newestEpoch,
    int approvals,
    List<String> reasons,
    List<RecoveryAction> actions) {

  /** Which way the plan moves authority. */
  enum Direction {
    /** Back to the interrupted failover's source, which Aurora's writer still is. */
    ROLL_BACK,
    /** On to Aurora's writer, the interrupted failover's target, since promotion happened. */
    ROLL_FORWARD,
    /** To Aurora's writer, with no interrupted failover known to say which way that is. */
    SETTLE
  }

  static RecoveryPlan refused(String why) {
    return new RecoveryPlan(why, null, null, null, 0, 0, List.of(), List.of());
  }

  /** The plan for {@code estate} from {@code facts}. */
  static RecoveryPlan decide(Estate estate, RecoveryFacts facts) {
    String app = estate.app();
    String again = "; then run ./failover recover " + app + " again";
    AuroraTopology aurora = facts.aurora();
    ClusterMember writerMember = aurora.writer();
    if (writerMember == null || aurora.changingWriter()) {
      return refused(
          ("Aurora global cluster %s is %s with writer %s: wait until DescribeGlobalClusters shows"
                  + " one writer and status available%s")
              .formatted(
                  aurora.globalCluster(),
                  aurora.status(),
                  writerMember == null ? "none" : writerMember.clusterArn(),
                  again));
    }
    String writer = writerMember.region();
    if (!estate.regions().contains(writer)) {
      return refused(
          ("Aurora's writer %s is in %s, which is not a region of %s %s: make the estate name it,"
                  + " or switch Aurora over to one of its regions%s")
              .formatted(writerMember.clusterArn(), writer, app, estate.regions(), again));
    }
    List<String> unanswered = unanswered(estate, facts, writer);
    if (!unanswered.isEmpty()) {
      return refused(
          ("%s holds Aurora's writer but did not answer for %s: authority can only move to a"
                  + " region that answers; check its AWS endpoints and the worker's credentials%s")
              .formatted(writer, String.join(", ", unanswered), again));
    }
    long newest =
        facts.ledgers().values().stream().mapToLong(AuthorityRecord::epoch).max().orElse(0);
    List<AuthorityRecord> newestCopies =
        facts.ledgers().values().stream().filter(c -> c.epoch() == newest).toList();
    AuthorityRecord newestCopy = newestCopies.get(0);
    for (AuthorityRecord copy : newestCopies) {
      if (copy.state() != newestCopy.state()
          || !Objects.equals(copy.writerRegion(), newestCopy.writerRegion())) {
        return refused(
            ("ledger copies at epoch %s disagree (%s against %s): two recoveries that could"
                    + " not reach each other's copy both wrote that epoch, or a copy was set by"
                    + " hand. Aurora's writer is now %s in %s. Check the audit items of %s in %s"
                    + " in each region for the workflows that wrote them, and which region's"
                    + " database took writes since; then set every copy by hand to one writer"
                    + " above epoch %s (the runbook's \"Setting authority by hand\")%s")
                .formatted(
                    newest,
                    StatusText.authority(newestCopy),
                    StatusText.authority(copy),
                    writerMember.clusterArn(),
                    writer,
                    app,
                    estate.authority().table(),
                    newest,
                    again));
      }
    }
    InterruptedFailover interrupted = facts.interrupted();
    String source = interrupted == null ? null : interrupted.sourceRegion();
    String target = interrupted == null ? null : interrupted.targetRegion();
    if (source != null && !writer.equals(source) && !writer.equals(target)) {
      return refused(
          ("Aurora's writer is in %s, neither the source %s nor the target %s of failover run %s:"
                  + " Aurora was switched over outside it. Check which region's database took"
                  + " writes since%s")
              .formatted(writer, source, target, interrupted.runId(), again));
    }

    List<String> reasons = new ArrayList<>();
    Direction direction;
    String other;
    boolean dataMayBeLost = false;
    if (source != null && source.equals(writer)) {
      direction = Direction.ROLL_BACK;
      other = target;
      reasons.add(
          ("Aurora's writer is still %s in %s, the source of failover run %s (%s): it stopped"
                  + " before promotion, so %s writes again")
              .formatted(
                  writerMember.clusterArn(),
                  writer,
                  interrupted.runId(),
                  interrupted.closeStatus(),
                  writer));
    } else if (source != null) {
      direction = Direction.ROLL_FORWARD;
      other = source;
      dataMayBeLost = FailoverMode.UNPLANNED.name().equals(interrupted.mode());
      reasons.add(
          ("Aurora's writer is %s in %s, the target of failover run %s (%s): promotion happened,"
                  + " so the failover is finished, not undone%s")
              .formatted(
                  writerMember.clusterArn(),
                  writer,
                  interrupted.runId(),
                  interrupted.closeStatus(),
                  dataMayBeLost
                      ? "; it was UNPLANNED, so writes the old primary took after its last"
                          + " replication may be lost"
                      : ""));
    } else {
      direction = Direction.SETTLE;
      other = estate.regions().stream().filter(r -> !r.equals(writer)).findFirst().orElse(null);
      reasons.add(
          "Aurora's writer is %s in %s; %s, so every region is made to agree with it"
              .formatted(
                  writerMember.clusterArn(),
                  writer,
                  interrupted == null
                      ? "no interrupted failover was named"
                      : "failover run %s stopped before it read Aurora"
                          .formatted(interrupted.runId())));
    }
    if (newestCopy.state() == AuthorityState.ACTIVE && !writer.equals(newestCopy.writerRegion())) {
      if (direction != Direction.ROLL_FORWARD) {
        dataMayBeLost = true;
        reasons.add(
            ("the newest ledger copy (%s) names %s, but Aurora was promoted to %s since, outside"
                    + " any failover: writes %s took after that promotion's last replication may"
                    + " be lost")
                .formatted(
                    StatusText.authority(newestCopy),
                    newestCopy.writerRegion(),
                    writer,
                    newestCopy.writerRegion()));
      }
    }

    List<String> unread = new ArrayList<>();
    for (String region : estate.regions()) {
      unread.addAll(unanswered(estate, facts, region));
    }
    if (!unread.isEmpty()) {
      dataMayBeLost = true;
      reasons.add(
          ("%s did not answer: recovery cannot confirm that they stopped writing, and leaves them"
                  + " as they are; run ./failover recover %s again once they answer")
              .formatted(String.join(", ", unread), app));
    }

    List<RecoveryAction> actions =
        RecoveryActions.toward(
            estate, facts, writer, newest, direction == Direction.ROLL_FORWARD ? other : null);
    int approvals = dataMayBeLost ? Math.max(2, estate.approvals().unplannedApprovals()) : 1;
    if (dataMayBeLost) {
      reasons.add("data may be lost, so " + approvals + " distinct approvers must approve");
    }
    return new RecoveryPlan(
        null, direction, writer, other, newest, approvals, List.copyOf(reasons), actions);
  }

  /** What {@code region} did not answer for when the recovery read it. */
  private static List<String> unanswered(Estate estate, RecoveryFacts facts, String region) {
    List<String> unanswered = new ArrayList<>();
    if (!facts.ledgers().containsKey(region)) {
      unanswered.add("the ledger copy in " + region);
    }
    if (!facts.fleets().containsKey(region) && estate.fleet(region).hasWorkers()) {
      unanswered.add("the fleet in " + region);
    }
    if (!facts.writeFlags().containsKey(region)) {
      unanswered.add("the writes flag in " + region);
    }
    return unanswered;
  }

  /** Whether everything already agrees with the writer. */
  boolean consistent() {
    return refusal == null && actions.isEmpty();
  }

  /** Whether the plan has a change of {@code kind}. */
  boolean has(RecoveryAction.Kind kind) {
    return actions.stream().anyMatch(a -> a.kind() == kind);
  }

  /** The changes of {@code kind}, in order. */
  List<RecoveryAction> of(RecoveryAction.Kind kind) {
    return actions.stream().filter(a -> a.kind() == kind).toList();
  }
}
