package dev.regionfailover.workflows.pins;

/**
 * What a whole re-pin did: entities moved, conditional updates that lost to a concurrent change and
 * were read again, conditional entity updates sent ({@code writes}: the moves plus the retries),
 * the number of entities to move (counted at the start, raised if more appeared meanwhile), its
 * duration in workflow time, and how many workflow runs (continue-as-new) it took.
 */
public record RepinSummary(
    long moved, long retried, long writes, long total, long durationMillis, int runs) {}
