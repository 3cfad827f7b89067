package dev.regionfailover.workflows.reconcile;

/**
 * Brings the authority ledger copy of {@code app} in {@code oldRegion} forward to the copy in
 * {@code writerRegion}; {@code workflowId} is recorded as who did it.
 */
public record LedgerForwardRequest(
    String app, String table, String oldRegion, String writerRegion, String workflowId) {}
