package dev.regionfailover.workflows.traffic;

import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import java.util.List;

/** Reads one traffic layer's per-region settings. */
public record LayerRequest(Traffic traffic, TrafficLayer layer, List<String> regions) {}
