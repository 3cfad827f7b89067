package dev.regionfailover.workflows.failover;

/** Where a failover stands. The last three are final. */
public enum Phase {
  ASSESS,
  SHIFT,
  FENCE,
  AWAIT_APPROVAL,
  PROMOTE,
  REPIN,
  ACTIVATE,
  RECONCILE,
  COMPLETED,
  ABORTED,
  FAILED
}
