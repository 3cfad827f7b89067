package dev.regionfailover.workflows.fleet;

import io.temporal.activity.ActivityInterface;

/**
 * Background workers that must move with authority. Reading and changing are separate activities so
 * the capacity to restore is recorded in history before anything is stopped.
 */
@ActivityInterface(namePrefix = "Fleet")
public interface FleetActivities {

  FleetCapacity snapshot(FleetRequest request);

  /** Sets every resource to the given capacity, then reads each back and verifies it. */
  FleetCapacity scale(FleetCapacity desired);
}
