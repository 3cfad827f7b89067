package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.estate.Fleet;

/** Compares the fleet of {@code targetRegion} with that of {@code sourceRegion}, the writer. */
public record CapacityRequest(
    String sourceRegion, Fleet sourceFleet, String targetRegion, Fleet targetFleet) {}
