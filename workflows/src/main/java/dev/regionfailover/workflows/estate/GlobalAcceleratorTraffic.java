package dev.regionfailover.workflows.estate;

import java.util.Map;

/**
 * Global Accelerator endpoint groups, one per region, whose traffic dials move. Its API lives in
 * us-west-2 whatever the endpoint regions are.
 */
public record GlobalAcceleratorTraffic(Map<String, String> endpointGroups) {

  public GlobalAcceleratorTraffic {
    endpointGroups = Map.copyOf(endpointGroups);
  }
}
