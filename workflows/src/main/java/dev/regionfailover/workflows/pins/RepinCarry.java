package dev.regionfailover.workflows.pins;

import java.util.List;

/**
 * What one run of a re-pin hands to the next through continue-as-new: the count found at the start,
 * when it started, how many runs came before, each segment's checkpoint, and when progress was last
 * signalled (whole percent and workflow time) so that the throttle holds across runs.
 */
public record RepinCarry(
    long total,
    long startedAtMillis,
    int runs,
    List<SegmentCheckpoint> checkpoints,
    int signalledPercent,
    long signalledAtMillis) {

  public RepinCarry {
    checkpoints = List.copyOf(checkpoints);
  }
}
