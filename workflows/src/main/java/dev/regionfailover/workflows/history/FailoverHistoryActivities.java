package dev.regionfailover.workflows.history;

import io.temporal.activity.ActivityInterface;

/** What a closed failover did, read from its history in Temporal. */
@ActivityInterface(namePrefix = "History")
public interface FailoverHistoryActivities {

  /**
   * The mode, source and target of the named run of a failover, and the capacity of the source's
   * background workers that it recorded before stopping them. Fails non-retryably when the run is
   * not a closed RegionFailover.
   */
  InterruptedFailover interrupted(InterruptedFailoverRequest request);
}
