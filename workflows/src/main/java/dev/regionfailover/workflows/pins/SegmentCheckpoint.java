package dev.regionfailover.workflows.pins;

import java.util.Map;

/**
 * Where one segment of a re-pin stands: the index position after its last committed page ({@code
 * cursor}, DynamoDB key attributes each encoded as {@code S:text}, {@code N:number} or {@code
 * B:base64}; empty before the first page), the sequence number of its next audit batch, and its
 * counts ({@code writes}: conditional entity updates sent). {@code done} means the segment reached
 * the end of the index. A retried step resumes from it, so a crash repeats at most one page.
 */
public record SegmentCheckpoint(
    int segment,
    Map<String, String> cursor,
    long nextBatch,
    long moved,
    long retried,
    long writes,
    boolean done) {

  public SegmentCheckpoint {
    cursor = cursor == null ? Map.of() : Map.copyOf(cursor);
  }

  public static SegmentCheckpoint start(int segment) {
    return new SegmentCheckpoint(segment, Map.of(), 0, 0, 0, 0, false);
  }
}
