package dev.regionfailover.workflows.pins;

/**
 * What a re-pin did: entities moved, and conditional updates that lost to a concurrent change and
 * were read again.
 */
public record RepinResult(long moved, long retried) {}
