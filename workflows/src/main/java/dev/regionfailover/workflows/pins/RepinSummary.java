package dev.regionfailover.workflows.pins;

/**
 * What a whole re-pin did: entities moved, conditional updates that lost to a concurrent change and
 * were read again, transactions written, the count found at the start, its duration, and how many
 * workflow runs (continue-as-new) it took.
 */
public record RepinSummary(
    long moved, long retried, long writes, long total, long durationMillis, int runs) {}
