package dev.regionfailover.activities.aurora;

/**
 * The heartbeat details of a promotion, shown in the Temporal UI while it waits: whether the
 * promotion (switchover or failover) was requested (by this attempt or an earlier one) and what AWS
 * reports now.
 *
 * @param requested true once SwitchoverGlobalCluster or FailoverGlobalCluster was called for this
 *     promotion
 * @param requestedAt when it was called, or null
 * @param status the global cluster's status, such as {@code switching-over} or {@code failing-over}
 * @param writerClusterArn the writer AWS reports, or null while there is none
 */
public record PromotionProgress(
    boolean requested, String requestedAt, String status, String writerClusterArn) {}
