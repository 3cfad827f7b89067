package dev.regionfailover.workflows.pins;

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
    long updatedAtMillis) {}
