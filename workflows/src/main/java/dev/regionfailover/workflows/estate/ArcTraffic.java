package dev.regionfailover.workflows.estate;

import java.util.List;
import java.util.Map;

/**
 * Route 53 Application Recovery Controller routing controls, changed through the data-plane cluster
 * endpoints (tried in random order) rather than a control plane that may be impaired.
 */
public record ArcTraffic(List<String> clusterEndpoints, Map<String, String> routingControls) {

  public ArcTraffic {
    clusterEndpoints = List.copyOf(clusterEndpoints);
    routingControls = Map.copyOf(routingControls);
  }
}
