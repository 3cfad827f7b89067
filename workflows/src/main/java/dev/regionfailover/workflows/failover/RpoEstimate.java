package dev.regionfailover.workflows.failover;

/** The data the promotion may lose, in seconds, and what the figure rests on. */
public record RpoEstimate(long seconds, String basis) {}
