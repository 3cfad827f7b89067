package dev.regionfailover.workflows.aurora;

/** One member cluster of a global database. */
public record ClusterMember(String clusterArn, String region, boolean writer) {}
