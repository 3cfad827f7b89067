package dev.regionfailover.workflows.estate;

import java.util.List;

/**
 * Background work in one region that must stop when the region loses authority. Entries correspond
 * by position across regions: the first ECS service of the source takes over from the first of the
 * target, and so on.
 */
public record Fleet(List<EcsServiceRef> ecsServices, List<String> autoScalingGroups) {

  public static final Fleet EMPTY = new Fleet(List.of(), List.of());

  public Fleet {
    ecsServices = List.copyOf(ecsServices);
    autoScalingGroups = List.copyOf(autoScalingGroups);
  }
}
