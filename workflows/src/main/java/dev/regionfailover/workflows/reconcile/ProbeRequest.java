package dev.regionfailover.workflows.reconcile;

/**
 * Asks whether {@code region} answers, by describing the Aurora cluster {@code clusterArn} there.
 */
public record ProbeRequest(String region, String clusterArn) {}
