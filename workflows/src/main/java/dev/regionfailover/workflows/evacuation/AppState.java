package dev.regionfailover.workflows.evacuation;

/** Where one app of an evacuation stands. The last five are final. */
public enum AppState {
  /** Its dependencies in this evacuation have not all completed yet. */
  WAITING,
  /** Free to start; waits for a free slot, or for resume after a hold. */
  READY,
  /** Its failover is being started. */
  STARTING,
  /** Its failover, started by this evacuation, runs. */
  RUNNING,
  /** Its failover was already running when the evacuation reached it, and is watched. */
  ADOPTED,
  COMPLETED,
  FAILED,
  ABORTED,
  /** A dependency failed, was aborted or held, so it is not started. */
  HELD,
  /** The evacuation was aborted before it started. */
  NOT_STARTED;

  /** Whether nothing more happens to the app in this evacuation. */
  public boolean isFinal() {
    return ordinal() >= COMPLETED.ordinal();
  }

  /** Whether its failover is running (or being started). */
  public boolean isActive() {
    return this == STARTING || this == RUNNING || this == ADOPTED;
  }
}
