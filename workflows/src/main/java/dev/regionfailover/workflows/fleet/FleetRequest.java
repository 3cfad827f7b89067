package dev.regionfailover.workflows.fleet;

import dev.regionfailover.workflows.estate.Fleet;

/** One region's fleet. */
public record FleetRequest(String region, Fleet fleet) {}
