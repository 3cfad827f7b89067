package dev.regionfailover.workflows.reconcile;

/**
 * Reconcile {@code app} after its writer moved from {@code oldRegion} to {@code writerRegion}.
 * {@code windowStartMillis} is when the failover began (epoch milliseconds): writes after it in
 * both regions are conflicts. {@code failoverWorkflowId} names the failover for the report (may be
 * null when started by hand).
 */
public record ReconcileRequest(
    String app,
    String oldRegion,
    String writerRegion,
    long windowStartMillis,
    String failoverWorkflowId,
    String requestedBy) {}
