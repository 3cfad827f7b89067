package dev.regionfailover.workflows.pins;

import java.util.List;

/**
 * What one run of a re-pin hands to the next through continue-as-new: the count found at the start,
 * when it started, how many runs came before, and each segment's checkpoint.
 */
public record RepinCarry(
    long total, long startedAtMillis, int runs, List<SegmentCheckpoint> checkpoints) {

  public RepinCarry {
    checkpoints = List.copyOf(checkpoints);
  }
}
