package dev.regionfailover.workflows.aurora;

/** A member cluster of a global database whose endpoint is asked for. */
public record EndpointRequest(String clusterArn, String region) {}
