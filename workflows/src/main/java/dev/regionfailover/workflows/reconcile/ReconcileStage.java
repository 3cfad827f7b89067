package dev.regionfailover.workflows.reconcile;

/** Where a reconciliation stands. */
public enum ReconcileStage {
  STARTING,
  AWAIT_RECOVERY,
  CHECKING,
  DONE
}
