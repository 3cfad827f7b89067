package dev.regionfailover.workflows.reconcile;

import java.util.List;

/**
 * Where a reconciliation stands: what it waits for, each check's progress, and finally the report
 * (null until it is done). {@code refusedSignals} lists each {@code regionRecovered} signal whose
 * payload did not decode, with the reason.
 */
public record ReconcileStatus(
    String app,
    String oldRegion,
    String writerRegion,
    ReconcileStage stage,
    RecoveryWait waitingFor,
    List<CheckProgress> checks,
    ReconcileReport report,
    List<String> refusedSignals) {

  public ReconcileStatus {
    checks = checks == null ? List.of() : List.copyOf(checks);
    refusedSignals = refusedSignals == null ? List.of() : List.copyOf(refusedSignals);
  }

  /** A status without refused signals. */
  public ReconcileStatus(
      String app,
      String oldRegion,
      String writerRegion,
      ReconcileStage stage,
      RecoveryWait waitingFor,
      List<CheckProgress> checks,
      ReconcileReport report) {
    this(app, oldRegion, writerRegion, stage, waitingFor, checks, report, List.of());
  }
}
