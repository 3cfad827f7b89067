package dev.regionfailover.workflows.aurora;

/**
 * Makes {@code targetClusterArn} the writer of {@code globalCluster}: a switchover (RPO 0) for
 * PLANNED and DRILL, a failover with {@code allowDataLoss} for UNPLANNED, where the old primary may
 * be gone and a switchover would fail.
 */
public record PromoteRequest(
    String globalCluster, String targetClusterArn, String targetRegion, boolean allowDataLoss) {}
