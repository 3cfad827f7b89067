package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.traffic.LayerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
          "Aurora global cluster "
              + aurora.globalCluster()
              + " is "
              + aurora.status()
              + " with writer "
              + (writerMember == null ? "none" : writerMember.clusterArn())
              + ": wait until DescribeGlobalClusters shows one writer and status available"
              + again);
    }
    String writer = writerMember.region();
    if (!estate.regions().contains(writer)) {
      return refused(
          "Aurora's writer "
              + writerMember.clusterArn()
              + " is in "
              + writer
              + ", which is not a region of "
              + app
              + " "
              + estate.regions()
              + ": make the estate name it, or switch Aurora over to one of its regions"
              + again);
    }
    List<String> unanswered = new ArrayList<>();
    if (!facts.ledgers().containsKey(writer)) {
      unanswered.add("the ledger copy in " + writer);
    }
    if (!facts.fleets().containsKey(writer) && estate.fleet(writer).hasWorkers()) {
      unanswered.add("the fleet in " + writer);
    }
    if (!facts.writeFlags().containsKey(writer)) {
      unanswered.add("the writes flag in " + writer);
    }
    if (!unanswered.isEmpty()) {
      return refused(
          writer
              + " holds Aurora's writer but did not answer for "
              + String.join(", ", unanswered)
              + ": authority can only move to a region that answers; check its AWS endpoints and"
              + " the worker's credentials"
              + again);
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
            "ledger copies at epoch "
                + newest
                + " disagree ("
                + StatusText.authority(newestCopy)
                + " against "
                + StatusText.authority(copy)
                + "): the same epoch was written twice, which no workflow does. Check the audit"
                + " items of "
                + app
                + " in "
                + estate.authority().table()
                + " in each region and which region's database took writes since, and restore"
                + " the copy that is wrong from its region's point-in-time backup"
                + again);
      }
    }
    InterruptedFailover interrupted = facts.interrupted();
    String source = interrupted == null ? null : interrupted.sourceRegion();
    String target = interrupted == null ? null : interrupted.targetRegion();
    if (source != null && !writer.equals(source) && !writer.equals(target)) {
      return refused(
          "Aurora's writer is in "
              + writer
              + ", neither the source "
              + source
              + " nor the target "
              + target
              + " of failover run "
              + interrupted.runId()
              + ": Aurora was switched over outside it. Check which region's database took"
              + " writes since"
              + again);
    }

    List<String> reasons = new ArrayList<>();
    Direction direction;
    String other;
    boolean dataMayBeLost = false;
    if (source != null && source.equals(writer)) {
      direction = Direction.ROLL_BACK;
      other = target;
      reasons.add(
          "Aurora's writer is still "
              + writerMember.clusterArn()
              + " in "
              + writer
              + ", the source of failover run "
              + interrupted.runId()
              + " ("
              + interrupted.closeStatus()
              + "): it stopped before promotion, so "
              + writer
              + " writes again");
    } else if (source != null) {
      direction = Direction.ROLL_FORWARD;
      other = source;
      dataMayBeLost = FailoverMode.UNPLANNED.name().equals(interrupted.mode());
      reasons.add(
          "Aurora's writer is "
              + writerMember.clusterArn()
              + " in "
              + writer
              + ", the target of failover run "
              + interrupted.runId()
              + " ("
              + interrupted.closeStatus()
              + "): promotion happened, so the failover is finished, not undone"
              + (dataMayBeLost
                  ? "; it was UNPLANNED, so writes the old primary took after its last"
                      + " replication may be lost"
                  : ""));
    } else {
      direction = Direction.SETTLE;
      other = estate.regions().stream().filter(r -> !r.equals(writer)).findFirst().orElse(null);
      reasons.add(
          "Aurora's writer is "
              + writerMember.clusterArn()
              + " in "
              + writer
              + (interrupted == null
                  ? "; no interrupted failover was named, so every region is made to agree with it"
                  : "; failover run "
                      + interrupted.runId()
                      + " stopped before it read Aurora, so every region is made to agree with it"));
    }
    if (newestCopy.state() == AuthorityState.ACTIVE && !writer.equals(newestCopy.writerRegion())) {
      if (direction != Direction.ROLL_FORWARD) {
        dataMayBeLost = true;
        reasons.add(
            "the newest ledger copy ("
                + StatusText.authority(newestCopy)
                + ") names "
                + newestCopy.writerRegion()
                + ", but Aurora was promoted to "
                + writer
                + " since, outside any failover: writes "
                + newestCopy.writerRegion()
                + " took after that promotion's last replication may be lost");
      }
    }

    List<String> unread = new ArrayList<>();
    for (String region : estate.regions()) {
      if (!facts.ledgers().containsKey(region)) {
        unread.add("the ledger copy in " + region);
      }
      if (!facts.fleets().containsKey(region) && estate.fleet(region).hasWorkers()) {
        unread.add("the fleet in " + region);
      }
      if (!facts.writeFlags().containsKey(region)) {
        unread.add("the writes flag in " + region);
      }
    }
    if (!unread.isEmpty()) {
      dataMayBeLost = true;
      reasons.add(
          String.join(", ", unread)
              + " did not answer: recovery cannot confirm that "
              + "they stopped writing, and leaves them as they are; run ./failover recover "
              + app
              + " again once they answer");
    }

    List<RecoveryAction> actions =
        actions(estate, facts, writer, newest, direction == Direction.ROLL_FORWARD ? other : null);
    int approvals = dataMayBeLost ? Math.max(2, estate.approvals().unplannedApprovals()) : 1;
    if (dataMayBeLost) {
      reasons.add("data may be lost, so " + approvals + " distinct approvers must approve");
    }
    return new RecoveryPlan(
        null, direction, writer, other, newest, approvals, List.copyOf(reasons), actions);
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

  /**
   * Every change that makes the estate agree with {@code writer}, in the failover's order.
   *
   * @param repinFrom the interrupted failover's source when re-pinning must be finished, else null
   */
  private static List<RecoveryAction> actions(
      Estate estate, RecoveryFacts facts, String writer, long newest, String repinFrom) {
    List<RecoveryAction> actions = new ArrayList<>();
    // No item anywhere means no failover ever ran: the writer is whatever Aurora says.
    boolean ledgerAgrees =
        facts.ledgers().size() == estate.regions().size()
            && (facts.ledgers().values().stream().allMatch(c -> c.state() == AuthorityState.NONE)
                || facts.ledgers().values().stream()
                    .allMatch(
                        c ->
                            c.epoch() == newest
                                && c.state() == AuthorityState.ACTIVE
                                && writer.equals(c.writerRegion())));
    boolean ledgerNeedsChange = !ledgerAgrees;
    if (ledgerNeedsChange) {
      facts
          .ledgers()
          .forEach(
              (region, copy) ->
                  actions.add(
                      new RecoveryAction(
                          RecoveryAction.Kind.FENCE_LEDGER,
                          region,
                          "ledger in "
                              + region
                              + " from "
                              + StatusText.authority(copy)
                              + " to epoch "
                              + (newest + 1)
                              + ", no writer")));
    }
    for (String region : estate.regions()) {
      if (region.equals(writer)) {
        continue;
      }
      FleetCapacity fleet = facts.fleets().get(region);
      if (fleet != null && fleet.activeUnits() > 0) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.STOP_FLEET,
                region,
                "background workers in "
                    + region
                    + " ("
                    + StepResults.describe(fleet)
                    + ") to zero"));
      }
      FlagValue flag = facts.writeFlags().get(region);
      if (flag != null && !"false".equals(flag.value())) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.DISABLE_WRITES,
                region,
                flag.name() + " in " + region + " from " + flag.value() + " to false"));
      }
    }
    Route53Traffic route53 = estate.traffic() == null ? null : estate.traffic().route53();
    if (route53 != null && route53.routing() == RoutingPolicy.SIMPLE) {
      String wanted = route53.targets().get(writer);
      if (!sameName(facts.trafficRecord(), wanted)) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.SHIFT_TRAFFIC,
                TrafficLayer.ROUTE53.key(),
                route53.recordName() + " from " + facts.trafficRecord() + " to " + wanted));
      }
    }
    for (LayerState layer : facts.layers()) {
      if (!allOn(layer, writer)) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.SHIFT_TRAFFIC,
                layer.layer().key(),
                layer.layer().key() + " from " + layer.values() + " to all on " + writer));
      }
    }
    if (!sameName(facts.writerRecord(), facts.writerEndpoint())) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.POINT_WRITER_RECORD,
              writer,
              estate.aurora().writerRecord().name()
                  + " from "
                  + facts.writerRecord()
                  + " to "
                  + facts.writerEndpoint()));
    }
    if (ledgerNeedsChange) {
      facts
          .ledgers()
          .keySet()
          .forEach(
              region ->
                  actions.add(
                      new RecoveryAction(
                          RecoveryAction.Kind.ACTIVATE_LEDGER,
                          region,
                          "ledger in "
                              + region
                              + " to epoch "
                              + (newest + 2)
                              + ", "
                              + writer
                              + " writes")));
    }
    if (repinFrom != null && estate.pins() != null && facts.entitiesLeft() > 0) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.REPIN,
              writer,
              facts.entitiesLeft() + " entities still pinned to " + repinFrom + " to " + writer));
    }
    FleetCapacity writerFleet = facts.fleets().get(writer);
    if (estate.fleet(writer).hasWorkers() && writerFleet.activeUnits() == 0) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.START_FLEET,
              writer,
              "background workers in " + writer + ", now " + StepResults.describe(writerFleet)));
    }
    FlagValue writerFlag = facts.writeFlags().get(writer);
    if (!"true".equals(writerFlag.value())) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.ENABLE_WRITES,
              writer,
              writerFlag.name() + " in " + writer + " from " + writerFlag.value() + " to true"));
    }
    return List.copyOf(actions);
  }

  /** Whether a layer sends all its traffic to {@code writer}. */
  private static boolean allOn(LayerState layer, String writer) {
    return layer.values().entrySet().stream()
        .allMatch(e -> e.getKey().equals(writer) ? e.getValue() > 0 : e.getValue() == 0);
  }

  /** DNS names compared without letter case or a trailing dot. */
  private static boolean sameName(String a, String b) {
    return a != null && b != null && normal(a).equals(normal(b));
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
