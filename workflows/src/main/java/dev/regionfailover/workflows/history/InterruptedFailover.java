package dev.regionfailover.workflows.history;

import dev.regionfailover.workflows.fleet.FleetCapacity;

/**
 * What a closed failover left behind, as its history records it. {@code sourceRegion} is null when
 * it stopped before it read Aurora's writer, {@code sourceFleet} when it never recorded the
 * source's capacity; {@code closeStatus} is Temporal's, such as {@code TERMINATED}.
 */
public record InterruptedFailover(
    String workflowId,
    String runId,
    String closeStatus,
    String mode,
    String sourceRegion,
    String targetRegion,
    FleetCapacity sourceFleet) {}
