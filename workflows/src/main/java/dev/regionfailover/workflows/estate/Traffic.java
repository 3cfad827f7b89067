package dev.regionfailover.workflows.estate;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers that decide where clients enter; each configured one is shifted, in {@code order}. Any
 * layer may be null (not configured).
 */
public record Traffic(
    Route53Traffic route53,
    ArcTraffic arc,
    GlobalAcceleratorTraffic globalAccelerator,
    List<TrafficLayer> order) {

  /** A payload written before the order existed reads with the default order. */
  public Traffic {
    order = order == null ? TrafficLayer.DEFAULT_ORDER : List.copyOf(order);
  }

  /** The configured layers, in the order they are shifted. */
  public List<TrafficLayer> layers() {
    List<TrafficLayer> layers = new ArrayList<>();
    for (TrafficLayer layer : order) {
      boolean configured =
          switch (layer) {
            case ARC -> arc != null;
            case GLOBAL_ACCELERATOR -> globalAccelerator != null;
            case ROUTE53 -> route53 != null;
          };
      if (configured) {
        layers.add(layer);
      }
    }
    return layers;
  }
}
