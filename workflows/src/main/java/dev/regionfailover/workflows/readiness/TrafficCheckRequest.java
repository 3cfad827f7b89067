package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Traffic;
import java.util.List;

/**
 * Checks the traffic layers of an estate in each of {@code regions}, and the health checks of its
 * {@code detection}. Either may be null: not configured.
 */
public record TrafficCheckRequest(Traffic traffic, Detection detection, List<String> regions) {

  public TrafficCheckRequest {
    regions = List.copyOf(regions);
  }
}
