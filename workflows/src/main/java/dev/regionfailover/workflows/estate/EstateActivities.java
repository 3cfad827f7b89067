package dev.regionfailover.workflows.estate;

import io.temporal.activity.ActivityInterface;

/** Reads estates from the worker's estates directory. */
@ActivityInterface(namePrefix = "Estate")
public interface EstateActivities {

  /**
   * Loads and validates one application's estate. Fails non-retryably when the app is unknown or
   * its file is invalid, naming every problem.
   */
  Estate load(LoadEstateRequest request);
}
