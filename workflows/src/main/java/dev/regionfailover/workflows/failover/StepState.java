package dev.regionfailover.workflows.failover;

/** The state of one step. */
public enum StepState {
  RUNNING,
  DONE,
  FAILED,
  SKIPPED,
  COMPENSATED,
  /** Its region did not answer within the bounded retry budget of an UNPLANNED failover. */
  UNREACHABLE
}
