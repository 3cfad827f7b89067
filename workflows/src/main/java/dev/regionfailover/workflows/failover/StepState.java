package dev.regionfailover.workflows.failover;

/** The state of one step. */
public enum StepState {
  RUNNING,
  DONE,
  FAILED,
  SKIPPED,
  COMPENSATED
}
