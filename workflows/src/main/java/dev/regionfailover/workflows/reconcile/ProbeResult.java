package dev.regionfailover.workflows.reconcile;

/** Whether a region answered a probe, and what it said or how it failed. */
public record ProbeResult(String region, boolean answered, String detail) {}
