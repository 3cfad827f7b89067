package dev.regionfailover.workflows.pins;

import io.temporal.activity.ActivityInterface;

/** Home-region pins of entities. */
@ActivityInterface(namePrefix = "Pins")
public interface PinActivities {

  /**
   * Moves entities by conditional update on the home region (and version, when configured), so a
   * concurrent change is re-read, never overwritten. Heartbeats its progress. Superseded by {@link
   * RepinEntitiesWorkflow}; kept for failovers that started before their REPIN phase became that
   * child workflow (the version marker {@code repin-child-workflow}) and still reach it.
   */
  RepinResult repin(RepinRequest request);

  /** Counts the entities pinned to a region through the home-region index. Heartbeats per page. */
  EntityCount countEntities(CountRequest request);

  /**
   * Moves the next pages of one segment's entities and returns where the segment stands. Resumes
   * from its last heartbeat (a checkpoint after each batch of moves) when retried, else from the
   * request's checkpoint.
   */
  SegmentCheckpoint repinSegment(SegmentRequest request);
}
