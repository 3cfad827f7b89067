package dev.regionfailover.workflows.reconcile;

/** One check of a reconciliation, with its times and what it found so far. */
public record CheckProgress(
    String name, CheckState state, String startedAt, String endedAt, String detail) {}
