package dev.regionfailover.workflows.aurora;

/**
 * Makes {@code targetClusterArn} the writer of {@code globalCluster}. PLANNED and DRILL use a
 * switchover (RPO 0).
 */
public record PromoteRequest(String globalCluster, String targetClusterArn, String targetRegion) {}
