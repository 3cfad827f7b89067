package dev.regionfailover.workflows.aurora;

/** Reads a secondary cluster's replication lag (AuroraGlobalDBRPOLag) in its region. */
public record LagRequest(String clusterArn, String region, long maxLagSeconds) {}
