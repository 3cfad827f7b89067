package dev.regionfailover.workflows.traffic;

import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What share of traffic each region of a layer is set to take: a weighted record's weight, 1 or 0
 * for a failover record's health (its health check not inverted or inverted) and an ARC routing
 * control (On or Off), a Global Accelerator traffic dial in percent. A region takes traffic when
 * its value is above zero.
 */
public record LayerState(Traffic traffic, TrafficLayer layer, Map<String, Double> values) {

  public LayerState {
    // Sorted by region, so that status text and step details read the same after a worker
    // restart; Map.copyOf iterates in an order that changes from one JVM to the next.
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /**
   * All traffic to {@code target}: it gets the largest value set anywhere (at least one), the rest
   * zero.
   */
  public LayerState shiftedTo(String target) {
    double full =
        Math.max(
            values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0), fullValue());
    Map<String, Double> shifted = new HashMap<>();
    values.keySet().forEach(region -> shifted.put(region, region.equals(target) ? full : 0.0));
    return new LayerState(traffic, layer, shifted);
  }

  /** Whether every region is off, which would black-hole clients. */
  public boolean allOff() {
    return values.values().stream().noneMatch(v -> v > 0);
  }

  private double fullValue() {
    return layer == TrafficLayer.GLOBAL_ACCELERATOR ? 100 : 1;
  }
}
