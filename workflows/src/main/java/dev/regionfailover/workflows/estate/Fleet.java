package dev.regionfailover.workflows.estate;

import java.util.List;

/**
 * Background work in one region that must stop when the region loses authority. Entries of each
 * kind correspond by position across regions: the first ECS service of the source hands over to the
 * first of the target, and so on.
 */
public record Fleet(
    List<EcsServiceRef> ecsServices,
    List<String> autoScalingGroups,
    List<EventSourceMappingRef> lambdaEventSourceMappings,
    List<EventBridgeRuleRef> eventBridgeRules,
    List<ScheduleRef> schedules) {

  public static final Fleet EMPTY =
      new Fleet(List.of(), List.of(), List.of(), List.of(), List.of());

  /** Lists missing from a payload written before a kind existed read as empty. */
  public Fleet {
    ecsServices = ecsServices == null ? List.of() : List.copyOf(ecsServices);
    autoScalingGroups = autoScalingGroups == null ? List.of() : List.copyOf(autoScalingGroups);
    lambdaEventSourceMappings =
        lambdaEventSourceMappings == null ? List.of() : List.copyOf(lambdaEventSourceMappings);
    eventBridgeRules = eventBridgeRules == null ? List.of() : List.copyOf(eventBridgeRules);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  /** Named without an is- prefix so that JSON payloads do not gain a derived property. */
  public boolean hasWorkers() {
    return !(ecsServices.isEmpty()
        && autoScalingGroups.isEmpty()
        && lambdaEventSourceMappings.isEmpty()
        && eventBridgeRules.isEmpty()
        && schedules.isEmpty());
  }
}
