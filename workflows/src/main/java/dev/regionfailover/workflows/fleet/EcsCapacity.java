package dev.regionfailover.workflows.fleet;

/** The desired task count of one ECS service. */
public record EcsCapacity(String cluster, String service, int desiredCount) {}
