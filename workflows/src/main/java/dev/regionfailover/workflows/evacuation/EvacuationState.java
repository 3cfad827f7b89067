package dev.regionfailover.workflows.evacuation;

/** Where the evacuation as a whole stands. The last four are final. */
public enum EvacuationState {
  PLANNING,
  RUNNING,
  /** Starts no new failover until resumed. */
  HELD,
  /** Aborts its failovers that have not reached PROMOTE and starts no more. */
  ABORTING,
  /** Every app completed. */
  COMPLETED,
  /** Some app failed, was aborted or held; the report says which and why. */
  PARTIAL,
  /** Aborted by an operator. */
  ABORTED,
  /** Refused before anything started, or failed. */
  FAILED
}
