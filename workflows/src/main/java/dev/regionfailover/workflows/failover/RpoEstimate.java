package dev.regionfailover.workflows.failover;

/**
 * The data the promotion may lose, in seconds ({@code null} when it cannot be estimated), and what
 * the figure rests on.
 */
public record RpoEstimate(Long seconds, String basis) {}
