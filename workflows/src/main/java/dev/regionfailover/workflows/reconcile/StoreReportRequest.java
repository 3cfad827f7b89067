package dev.regionfailover.workflows.reconcile;

/**
 * Stores {@code report} in the audit trail: table {@code table} in {@code region}, key {@code
 * pk=<app>}, {@code sk=reconcile#<startedAtMillis, zero-padded>}.
 */
public record StoreReportRequest(
    String table, String region, long startedAtMillis, ReconcileReport report) {}
