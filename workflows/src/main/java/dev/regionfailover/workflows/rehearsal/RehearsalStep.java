package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.StepState;

/**
 * One step of a rehearsal; times are ISO-8601 instants, {@code endedAt} is null while it runs, and
 * {@code workflowId} names the child workflow that did the work, if any.
 */
public record RehearsalStep(
    String name,
    RehearsalPhase phase,
    StepState state,
    String startedAt,
    String endedAt,
    long durationMillis,
    String workflowId,
    String detail) {}
