package dev.regionfailover.workflows.evacuation;

/** The failover to watch to its end. */
public record WatchRequest(String workflowId) {}
