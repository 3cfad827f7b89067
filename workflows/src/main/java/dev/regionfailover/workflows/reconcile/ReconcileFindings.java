package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.finding.Finding;
import java.time.Duration;
import java.util.List;

/**
 * The findings of a reconciliation's report and the operator's advice in them, kept out of the
 * workflow so that it reads as its checks. Each method names what was observed and what was
 * expected.
 */
final class ReconcileFindings {

  private static final String REJOINED = "aurora-old-primary-rejoined";
  private static final String LAG = "aurora-replication-lag";
  private static final String CONFLICTS = "dynamodb-conflicts";
  private static final String STRANDED = "sqs-stranded";
  private static final String REDRIVE = "sqs-redrive";

  /** What the conflict check expects of every replicated table. */
  private static final String NO_DOUBLE_WRITES = "no item written in both regions";

  private ReconcileFindings() {}

  static Finding unreachable(String oldRegion, Duration timeout) {
    return Finding.warn(
        "region-recovered",
        oldRegion,
        "no answer to probes for " + timeout,
        "the region to answer; start reconcile again when it does");
  }

  static String unreachableSummary(String oldRegion, Duration timeout) {
    return "%s is still unreachable after %s; nothing in it was checked"
        .formatted(oldRegion, timeout);
  }

  static Finding globalClusterUnknown(String oldCluster, String global, String failure) {
    return Finding.fail(
        REJOINED,
        oldCluster,
        "global cluster %s could not be described: %s".formatted(global, failure),
        secondaryOf(global));
  }

  static Finding notAMember(
      String oldCluster, String global, List<String> members, String oldRegion) {
    return Finding.fail(
        REJOINED,
        oldCluster,
        ("not a member of %s (members: %s); the operator must check it for writes it took after"
                + " replication stopped (snapshot it), then delete it and add a new secondary"
                + " cluster in %s to %s (aws rds create-db-cluster --global-cluster-identifier %s"
                + " --region %s ...), and run reconcile again")
            .formatted(global, members, oldRegion, global, global, oldRegion),
        secondaryOf(global));
  }

  static Finding stillTheWriter(String oldCluster, String global, String newCluster) {
    return Finding.fail(
        REJOINED,
        oldCluster,
        ("still the writer of %s; the operator must keep its writes fenced and make %s the writer"
                + " (aws rds switchover-global-cluster --global-cluster-identifier %s"
                + " --target-db-cluster-identifier %s), then run reconcile again")
            .formatted(global, newCluster, global, newCluster),
        secondaryOf(global));
  }

  static Finding rejoined(String oldCluster, String global) {
    return Finding.pass(REJOINED, oldCluster, "a secondary member", secondaryOf(global));
  }

  static Finding writer(String global, String observed, String expected) {
    return expected.equals(observed)
        ? Finding.pass("aurora-writer", global, observed, expected)
        : Finding.fail("aurora-writer", global, observed, expected);
  }

  static Finding lagNotMeasured(String oldCluster, String failure, long maxLagSeconds) {
    return lagUnknown(true, oldCluster, failure, "at most %d ms", maxLagSeconds);
  }

  /** A warning only: that the old primary did not rejoin is a finding of its own. */
  static Finding lagNotASecondary(String oldCluster, String global, long maxLagSeconds) {
    return lagUnknown(
        false,
        oldCluster,
        "the old primary is not a secondary of " + global,
        "at most %d ms once it rejoins",
        maxLagSeconds);
  }

  private static Finding lagUnknown(
      boolean failed, String oldCluster, String why, String expected, long maxLagSeconds) {
    String observed = "not measured: " + why;
    String most = expected.formatted(maxLagSeconds * 1000);
    return failed
        ? Finding.fail(LAG, oldCluster, observed, most)
        : Finding.warn(LAG, oldCluster, observed, most);
  }

  static Finding ledgerNotChecked(String table, String oldRegion, String failure) {
    return Finding.fail(
        "authority-ledger-copy",
        table + " in " + oldRegion,
        "not checked: " + failure,
        "the writer region's record");
  }

  static Finding conflictsNotCompared(String table, String failure) {
    return Finding.fail(CONFLICTS, table, "not compared: " + failure, NO_DOUBLE_WRITES);
  }

  static Finding conflicts(String resource, TableConflicts found, String version, String writer) {
    if (found.total() == 0) {
      return Finding.pass(
          CONFLICTS,
          resource,
          "0 of %d items differ".formatted(found.compared()),
          NO_DOUBLE_WRITES);
    }
    return Finding.fail(
        CONFLICTS,
        resource,
        ("%d of %d items differ in %s or %s; last-writer-wins kept one version of each: compare"
                + " both and replay what must not be lost")
            .formatted(found.total(), found.compared(), version, writer),
        NO_DOUBLE_WRITES);
  }

  static Finding unreplicated(String resource, long items, String oldRegion, String writer) {
    return Finding.warn(
        "dynamodb-unreplicated",
        resource,
        "%d items exist only in %s: written there and not replicated".formatted(items, oldRegion),
        "every item of %s replicated to %s".formatted(oldRegion, writer));
  }

  static Finding strandedNotCounted(String oldRegion, String failure) {
    return Finding.fail(
        STRANDED,
        "queues of " + oldRegion,
        "not counted: " + failure,
        "no messages left in " + oldRegion);
  }

  static Finding queueMissing(String resource) {
    return Finding.warn(STRANDED, resource, "the queue does not exist", "the estate's queue");
  }

  static Finding queueEmpty(String resource) {
    return Finding.pass(STRANDED, resource, "0 messages", "0 messages");
  }

  static Finding stranded(String resource, QueueBacklog backlog, String writer) {
    String why =
        backlog.deadLetter()
            ? "redrive is off for this dead-letter queue in the estate"
            : "its consumers in %s are stopped".formatted(backlog.region());
    return Finding.warn(
        STRANDED,
        resource,
        "%d message(s) (%d visible, %d in flight, %d delayed); %s"
            .formatted(
                backlog.messages(), backlog.visible(), backlog.inFlight(), backlog.delayed(), why),
        "0 messages: drain or move them to " + writer);
  }

  static Finding redriven(
      String resource, RedriveResult moved, String queue, String writer, String expected) {
    String observed =
        "%d moved to %s in %s (at least once), about %d left"
            .formatted(moved.moved(), queue, writer, moved.remaining());
    return moved.remaining() == 0
        ? Finding.pass(REDRIVE, resource, observed, expected)
        : Finding.warn(REDRIVE, resource, observed, expected);
  }

  static Finding notRedriven(String resource, String failure, String expected) {
    return Finding.fail(REDRIVE, resource, "not redriven: " + failure, expected);
  }

  private static String secondaryOf(String global) {
    return "a secondary member of " + global;
  }
}
