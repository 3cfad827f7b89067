package dev.regionfailover.workflows.aurora;

/**
 * The newest AuroraGlobalDBRPOLag datapoint of a cluster: {@code lagMillis} and {@code at} are null
 * when CloudWatch has none in the window.
 */
public record LagReading(String clusterArn, Double lagMillis, String at) {}
