package dev.regionfailover.workflows.readiness;

/**
 * Check whether {@code app} could fail over to {@code targetRegion} now; a null target means the
 * estate's other region (an estate with more than two regions must name one).
 */
public record ReadinessRequest(String app, String targetRegion) {}
