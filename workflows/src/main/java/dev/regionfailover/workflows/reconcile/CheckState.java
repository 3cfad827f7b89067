package dev.regionfailover.workflows.reconcile;

/** How far one check of a reconciliation got. */
public enum CheckState {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  SKIPPED
}
