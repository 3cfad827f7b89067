package dev.regionfailover.workflows.detection;

import io.temporal.activity.ActivityInterface;

/** Read-only sampling of a region's health signals for the health monitor. */
@ActivityInterface(namePrefix = "Detection")
public interface DetectionActivities {

  /**
   * One sample of every configured signal of one region. A region whose endpoints cannot be reached
   * is answered, not thrown: every signal reads impaired and says the region is unreachable.
   * Throttling and server errors are thrown, so the call is retried.
   */
  RegionSample sample(SampleRequest request);
}
