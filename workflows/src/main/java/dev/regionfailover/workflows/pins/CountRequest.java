package dev.regionfailover.workflows.pins;

import dev.regionfailover.workflows.estate.Pins;

/** Counts the entities whose home is {@code fromRegion}, through the replica in {@code region}. */
public record CountRequest(Pins pins, String tableRegion, String fromRegion) {}
