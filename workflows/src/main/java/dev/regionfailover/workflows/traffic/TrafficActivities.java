package dev.regionfailover.workflows.traffic;

import io.temporal.activity.ActivityInterface;

/**
 * Traffic layers other than a simple CNAME: weighted and failover Route 53 records, ARC routing
 * controls, Global Accelerator dials.
 */
@ActivityInterface(namePrefix = "Traffic")
public interface TrafficActivities {

  LayerState read(LayerRequest request);

  /**
   * Sets every region's value, raising before lowering so that some region always takes traffic,
   * then reads back and verifies. A desired state with every region off is refused non-retryably,
   * whatever the layer.
   */
  LayerState apply(LayerState desired);
}
