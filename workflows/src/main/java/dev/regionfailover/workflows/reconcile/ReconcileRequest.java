package dev.regionfailover.workflows.reconcile;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Reconcile {@code app} after its writer moved from {@code oldRegion} to {@code writerRegion}.
 * {@code windowStartMillis} is when the failover began (epoch milliseconds): writes after it in
 * both regions are conflicts. {@code failoverWorkflowId} names the failover for the report (may be
 * null when started by hand).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ReconcileRequest(
    String app,
    String oldRegion,
    String writerRegion,
    long windowStartMillis,
    String failoverWorkflowId,
    String requestedBy) {}
