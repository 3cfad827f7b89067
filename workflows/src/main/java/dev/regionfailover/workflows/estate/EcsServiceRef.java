package dev.regionfailover.workflows.estate;

/** An ECS service, by cluster and service name. */
public record EcsServiceRef(String cluster, String service) {}
