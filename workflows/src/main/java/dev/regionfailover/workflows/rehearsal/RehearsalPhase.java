package dev.regionfailover.workflows.rehearsal;

/** Where a rehearsal stands. The last two are final. */
public enum RehearsalPhase {
  /** Validating the request and checking that the target is ready. */
  READINESS,
  /** The DRILL failover to the target runs. */
  SWITCH_OVER,
  /** The target writes; its health is read at intervals until the hold ends. */
  HOLD,
  /** The DRILL failover back to the original region runs. */
  SWITCH_BACK,
  COMPLETED,
  FAILED
}
