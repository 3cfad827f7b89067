package dev.regionfailover.workflows.history;

/** One run of a failover workflow. */
public record InterruptedFailoverRequest(String workflowId, String runId) {}
