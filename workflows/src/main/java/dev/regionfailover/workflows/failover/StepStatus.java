package dev.regionfailover.workflows.failover;

/** One step of a failover; times are ISO-8601 instants, {@code endedAt} is null while running. */
public record StepStatus(
    String name,
    Phase phase,
    StepState state,
    String startedAt,
    String endedAt,
    long durationMillis,
    String detail) {}
