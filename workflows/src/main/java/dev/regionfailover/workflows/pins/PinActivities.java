package dev.regionfailover.workflows.pins;

import io.temporal.activity.ActivityInterface;

/** Home-region pins of entities. */
@ActivityInterface(namePrefix = "Pins")
public interface PinActivities {

  /**
   * Moves entities by conditional update on the home region (and version, when configured), so a
   * concurrent change is re-read, never overwritten. Heartbeats its progress.
   */
  RepinResult repin(RepinRequest request);
}
