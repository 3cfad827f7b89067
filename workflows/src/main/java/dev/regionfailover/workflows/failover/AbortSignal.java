package dev.regionfailover.workflows.failover;

/** Payload of {@code abort}. */
public record AbortSignal(String by, String reason) {}
