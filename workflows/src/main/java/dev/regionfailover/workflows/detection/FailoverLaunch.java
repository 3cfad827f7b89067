package dev.regionfailover.workflows.detection;

/**
 * The failover the monitor started for an impaired writer, or found already running when it tried
 * ({@code startedByMonitor} false): its workflow and run, the regions, when, and the evidence.
 */
public record FailoverLaunch(
    String workflowId,
    String runId,
    String fromRegion,
    String targetRegion,
    String at,
    boolean startedByMonitor,
    String evidence) {}
