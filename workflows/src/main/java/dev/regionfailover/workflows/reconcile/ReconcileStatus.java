package dev.regionfailover.workflows.reconcile;

import java.util.List;

/**
 * Where a reconciliation stands: what it waits for, each check's progress, and finally the report
 * (null until it is done).
 */
public record ReconcileStatus(
    String app,
    String oldRegion,
    String writerRegion,
    ReconcileStage stage,
    RecoveryWait waitingFor,
    List<CheckProgress> checks,
    ReconcileReport report) {

  public ReconcileStatus {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }
}
