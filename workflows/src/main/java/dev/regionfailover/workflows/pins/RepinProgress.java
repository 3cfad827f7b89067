package dev.regionfailover.workflows.pins;

import java.time.Duration;

/**
 * How far a re-pin has come: entities moved out of {@code total} counted at the start, what
 * remains, the rate since the start, and the estimated seconds left (null while there is no rate
 * yet). {@code updatedAtMillis} is workflow time.
 */
public record RepinProgress(
    long total,
    long moved,
    long remaining,
    double ratePerSecond,
    Long etaSeconds,
    long retried,
    int segmentsDone,
    int segments,
    long updatedAtMillis) {

  /** One line for status and the Temporal UI, such as "moved 4,000 of 10,000 (6,000 left) ...". */
  public String describe() {
    String eta =
        etaSeconds == null
            ? "time left not known yet"
            : "about "
                + Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase()
                + " left";
    return String.format(
        "moved %,d of %,d (%,d left) at %,.0f/s, %s; %d of %d segments done; %,d re-read after a"
            + " concurrent change",
        moved, total, remaining, ratePerSecond, eta, segmentsDone, segments, retried);
  }
}
