package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's sections on the data the regions kept while they were apart: the old region's copy
 * of the authority ledger is brought forward, each replicated table is compared item by item for
 * writes in both regions, the messages left in the old region's queues are counted, and the dead
 * letters the estate allows are moved to the writer region's queues.
 */
final class DataChecks {

  static final int MAX_LISTED_CONFLICTS = 100;
  static final int MAX_REDRIVE = 10_000;

  private final ReconcileState state;
  private final CheckRunner checks;
  private final ReconcileActivities oldRegion;
  private final ReconcileActivities bulk;

  /**
   * @param oldRegion calls into the old region, with a bounded retry budget
   * @param bulk long calls that heartbeat, such as comparing whole tables or moving dead letters
   */
  DataChecks(
      ReconcileState state,
      CheckRunner checks,
      ReconcileActivities oldRegion,
      ReconcileActivities bulk) {
    this.state = requireNonNull(state, "state is null");
    this.checks = requireNonNull(checks, "checks is null");
    this.oldRegion = requireNonNull(oldRegion, "oldRegion is null");
    this.bulk = requireNonNull(bulk, "bulk is null");
  }

  void checkLedger() {
    String table = state.estate.authority().table();
    Finding finding =
        checks.check(
            CheckName.LEDGER,
            () ->
                oldRegion.bringLedgerForward(
                    new LedgerForwardRequest(
                        state.request.app(),
                        table,
                        state.oldRegion(),
                        state.writer,
                        Workflow.getInfo().getWorkflowId())),
            Finding::observed);
    state.addSection(
        "Authority ledger",
        List.of(
            finding != null
                ? finding
                : ReconcileFindings.ledgerNotChecked(table, state.oldRegion(), state.lastFailure)));
  }

  void checkConflicts() {
    List<Finding> findings = new ArrayList<>();
    List<ReplicatedTable> tables = state.estate.reconcile().tables();
    if (tables.isEmpty()) {
      checks.skip(CheckName.CONFLICTS, "the estate names no replicated tables");
    } else {
      checks.start(CheckName.CONFLICTS, tables.size() + " table(s)");
      boolean failed = false;
      for (ReplicatedTable table : tables) {
        try {
          compare(table, findings);
        } catch (ActivityFailure failure) {
          failed = true;
          findings.add(
              ReconcileFindings.conflictsNotCompared(table.table(), CheckRunner.reason(failure)));
        }
      }
      long total = state.conflicts.stream().mapToLong(TableConflicts::total).sum();
      checks.finish(
          CheckName.CONFLICTS,
          failed ? CheckState.FAILED : CheckState.DONE,
          "%d conflict(s) in %d table(s)".formatted(total, state.conflicts.size()));
    }
    state.addSection("DynamoDB", findings);
  }

  private void compare(ReplicatedTable table, List<Finding> findings) {
    String old = state.oldRegion();
    TableConflicts found =
        bulk.findConflicts(
            new ConflictRequest(
                table, old, state.writer, state.request.windowStartMillis(), MAX_LISTED_CONFLICTS));
    state.conflicts.add(found);
    String resource = "%s (%s vs %s)".formatted(table.table(), old, state.writer);
    findings.add(
        ReconcileFindings.conflicts(
            resource, found, table.versionAttribute(), table.lastWriterRegionAttribute()));
    if (found.onlyInOldRegion() > 0) {
      findings.add(
          ReconcileFindings.unreplicated(resource, found.onlyInOldRegion(), old, state.writer));
    }
  }

  void checkQueues() {
    String old = state.oldRegion();
    List<Finding> findings = new ArrayList<>();
    List<QueueRef> queues = state.estate.queues(old);
    if (queues.isEmpty()) {
      checks.skip(CheckName.STRANDED, "the estate names no queues in " + old);
      checks.skip(CheckName.REDRIVE, "the estate names no queues in " + old);
      state.addSection("SQS", findings);
      return;
    }
    QueueBacklogs counted =
        checks.check(
            CheckName.STRANDED,
            () -> oldRegion.countStranded(new StrandedRequest(old, queues)),
            b -> b.queues().stream().mapToLong(QueueBacklog::messages).sum() + " message(s)");
    if (counted == null) {
      findings.add(ReconcileFindings.strandedNotCounted(old, state.lastFailure));
    } else {
      state.backlogs.addAll(counted.queues());
    }
    List<QueueRef> toRedrive =
        queues.stream().filter(q -> q.redrive() && q.deadLetterQueue() != null).toList();
    for (QueueBacklog backlog : state.backlogs) {
      boolean redriven =
          backlog.deadLetter()
              && toRedrive.stream().anyMatch(q -> q.deadLetterQueue().equals(backlog.queue()));
      String resource = backlog.queue() + " in " + backlog.region();
      if (backlog.missing()) {
        findings.add(ReconcileFindings.queueMissing(resource));
      } else if (backlog.messages() == 0) {
        findings.add(ReconcileFindings.queueEmpty(resource));
      } else if (!redriven) {
        findings.add(ReconcileFindings.stranded(resource, backlog, state.writer));
      }
    }
    redrive(toRedrive, findings);
    state.addSection("SQS", findings);
  }

  private void redrive(List<QueueRef> toRedrive, List<Finding> findings) {
    String old = state.oldRegion();
    String writer = state.writer;
    if (toRedrive.isEmpty()) {
      checks.skip(CheckName.REDRIVE, "the estate allows no redrive from " + old);
      return;
    }
    checks.start(
        CheckName.REDRIVE, "%d dead-letter queue(s) to %s".formatted(toRedrive.size(), writer));
    boolean failed = false;
    for (QueueRef queue : toRedrive) {
      String resource = queue.deadLetterQueue() + " in " + old;
      String expected = "its dead letters moved to %s in %s".formatted(queue.queue(), writer);
      try {
        RedriveResult moved =
            bulk.redriveDeadLetters(
                new RedriveRequest(
                    queue.deadLetterQueue(), old, queue.queue(), writer, MAX_REDRIVE));
        state.redrives.add(moved);
        findings.add(ReconcileFindings.redriven(resource, moved, queue.queue(), writer, expected));
      } catch (ActivityFailure failure) {
        failed = true;
        findings.add(
            ReconcileFindings.notRedriven(resource, CheckRunner.reason(failure), expected));
      }
    }
    long moved = state.redrives.stream().mapToLong(RedriveResult::moved).sum();
    checks.finish(
        CheckName.REDRIVE, failed ? CheckState.FAILED : CheckState.DONE, moved + " moved");
  }
}
