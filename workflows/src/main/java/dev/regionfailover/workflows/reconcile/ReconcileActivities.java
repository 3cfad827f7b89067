package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.ActivityInterface;

/** What reconciliation reads and changes once the old region of a failover answers again. */
@ActivityInterface(namePrefix = "Reconcile")
public interface ReconcileActivities {

  /**
   * One cheap read-only call in a region that proves it answers. A region that does not answer is a
   * result, not a failure: the workflow samples it again later.
   */
  ProbeResult probeRegion(ProbeRequest request);

  /**
   * Compares the old region's replica of a table with the writer region's, item by item,
   * heartbeating its progress and resuming from it after a retry.
   */
  TableConflicts findConflicts(ConflictRequest request);

  /** Counts the messages left in the queues and dead-letter queues of one region. */
  QueueBacklogs countStranded(StrandedRequest request);

  /**
   * Moves the messages of a dead-letter queue of the old region to the same-named queue of the
   * writer region: receive, send, then delete. At least once: a crash between send and delete sends
   * a message again.
   */
  RedriveResult redriveDeadLetters(RedriveRequest request);

  /**
   * Brings the old region's copy of the authority ledger forward to the writer region's, with a
   * conditional write and its audit item; the epoch only grows.
   */
  Finding bringLedgerForward(LedgerForwardRequest request);

  /** Stores the report in the audit trail, as JSON and as Markdown; returns the item's sort key. */
  String storeReport(StoreReportRequest request);
}
