package dev.regionfailover.workflows.fleet;

import dev.regionfailover.workflows.estate.Fleet;
import java.util.ArrayList;
import java.util.List;

/** The capacity of every background worker of a fleet in one region. */
public record FleetCapacity(
    String region, List<EcsCapacity> ecsServices, List<AsgCapacity> autoScalingGroups) {

  public FleetCapacity {
    ecsServices = List.copyOf(ecsServices);
    autoScalingGroups = List.copyOf(autoScalingGroups);
  }

  /** The same resources with nothing running. */
  public FleetCapacity stopped() {
    return new FleetCapacity(
        region,
        ecsServices.stream().map(s -> new EcsCapacity(s.cluster(), s.service(), 0)).toList(),
        autoScalingGroups.stream().map(g -> new AsgCapacity(g.name(), 0, 0, 0)).toList());
  }

  /**
   * This capacity applied to another region's fleet, whose entries correspond by position (the
   * estate validator guarantees equal counts).
   */
  public FleetCapacity movedTo(String otherRegion, Fleet other) {
    List<EcsCapacity> services = new ArrayList<>();
    for (int i = 0; i < ecsServices.size(); i++) {
      services.add(
          new EcsCapacity(
              other.ecsServices().get(i).cluster(),
              other.ecsServices().get(i).service(),
              ecsServices.get(i).desiredCount()));
    }
    List<AsgCapacity> groups = new ArrayList<>();
    for (int i = 0; i < autoScalingGroups.size(); i++) {
      AsgCapacity g = autoScalingGroups.get(i);
      groups.add(
          new AsgCapacity(
              other.autoScalingGroups().get(i), g.minSize(), g.maxSize(), g.desiredCapacity()));
    }
    return new FleetCapacity(otherRegion, services, groups);
  }

  public int totalUnits() {
    return ecsServices.stream().mapToInt(EcsCapacity::desiredCount).sum()
        + autoScalingGroups.stream().mapToInt(AsgCapacity::desiredCapacity).sum();
  }
}
