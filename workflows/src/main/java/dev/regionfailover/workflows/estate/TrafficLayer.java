package dev.regionfailover.workflows.estate;

import java.util.List;

/** A layer that steers where clients enter, by its name in the estate file. */
public enum TrafficLayer {
  ARC("arc"),
  GLOBAL_ACCELERATOR("globalAccelerator"),
  ROUTE53("route53");

  /**
   * Data-plane layers first: ARC routing controls and accelerator dials keep working when a
   * region's control plane does not, and DNS converges last anyway because of resolver caches.
   */
  public static final List<TrafficLayer> DEFAULT_ORDER = List.of(ARC, GLOBAL_ACCELERATOR, ROUTE53);

  private final String key;

  TrafficLayer(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
