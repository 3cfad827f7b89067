package dev.regionfailover.workflows.reconcile;

import java.util.List;

/**
 * What reconciliation found after the failover of {@code app} from {@code oldRegion} to {@code
 * writerRegion}: one section per check with its findings, and the details an operator acts on
 * (conflicting items with both versions, queue backlogs, redriven dead letters). {@code auditKey}
 * is the sort key of the report's item in the audit trail, null until it is stored.
 */
public record ReconcileReport(
    String app,
    String workflowId,
    String oldRegion,
    String writerRegion,
    String failoverWorkflowId,
    String requestedBy,
    ReconcileOutcome outcome,
    String summary,
    String startedAt,
    String windowStart,
    String recoveredAt,
    String recoveredBy,
    String finishedAt,
    List<ReconcileSection> sections,
    List<TableConflicts> conflicts,
    List<QueueBacklog> backlogs,
    List<RedriveResult> redrives,
    String auditKey) {

  public ReconcileReport {
    sections = sections == null ? List.of() : List.copyOf(sections);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    backlogs = backlogs == null ? List.of() : List.copyOf(backlogs);
    redrives = redrives == null ? List.of() : List.copyOf(redrives);
  }

  /** The same report, stored under {@code key}. */
  public ReconcileReport storedAs(String key) {
    return copy(summary, key);
  }

  /** The same report with another summary. */
  public ReconcileReport withSummary(String newSummary) {
    return copy(newSummary, auditKey);
  }

  private ReconcileReport copy(String newSummary, String key) {
    return new ReconcileReport(
        app,
        workflowId,
        oldRegion,
        writerRegion,
        failoverWorkflowId,
        requestedBy,
        outcome,
        newSummary,
        startedAt,
        windowStart,
        recoveredAt,
        recoveredBy,
        finishedAt,
        sections,
        conflicts,
        backlogs,
        redrives,
        key);
  }
}
