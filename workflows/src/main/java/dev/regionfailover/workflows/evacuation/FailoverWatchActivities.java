package dev.regionfailover.workflows.evacuation;

import io.temporal.activity.ActivityInterface;

/**
 * Reads the failovers an evacuation runs through the Temporal client, since a workflow cannot query
 * another one: their phases, a few times a minute for the whole batch, and the end of a failover
 * the evacuation adopted rather than started.
 */
@ActivityInterface(namePrefix = "FailoverWatch")
public interface FailoverWatchActivities {

  /** The phase of each failover, from its {@code status} query; a closed one says so. */
  ChildPhases phases(PhasesRequest request);

  /**
   * Waits, heartbeating, until the failover ends and returns how it ended. Safe to retry: it only
   * reads.
   */
  WatchedFailover watch(WatchRequest request);
}
