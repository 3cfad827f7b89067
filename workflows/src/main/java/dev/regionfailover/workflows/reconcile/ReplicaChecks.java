package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's sections on what DynamoDB replicated while the regions were apart: the old region's
 * copy of the authority ledger is brought forward, and each replicated table is compared item by
 * item for writes in both regions.
 */
final class ReplicaChecks {

  static final int MAX_LISTED_CONFLICTS = 100;

  private final ReconcileState state;
  private final CheckRunner checks;
  private final ReconcileActivities oldRegion;
  private final ReconcileActivities bulk;

  /**
   * @param oldRegion calls into the old region, with a bounded retry budget
   * @param bulk long calls that heartbeat, such as comparing whole tables
   */
  ReplicaChecks(
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
            CheckRunner.LEDGER,
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
      checks.skip(CheckRunner.CONFLICTS, "the estate names no replicated tables");
    } else {
      checks.start(CheckRunner.CONFLICTS, tables.size() + " table(s)");
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
          CheckRunner.CONFLICTS,
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
}
