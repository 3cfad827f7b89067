package dev.regionfailover.workflows.pins;

import dev.regionfailover.workflows.estate.Pins;

/**
 * Moves every entity whose home is {@code fromRegion} to {@code toRegion}, writing through the
 * table's replica in {@code tableRegion}.
 */
public record RepinRequest(Pins pins, String tableRegion, String fromRegion, String toRegion) {}
