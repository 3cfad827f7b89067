package dev.regionfailover.workflows.fleet;

import dev.regionfailover.workflows.estate.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The state of every background worker of a fleet in one region: how many ECS tasks and instances
 * run, and which event source mappings, rules and schedules are enabled.
 */
public record FleetCapacity(
    String region,
    List<EcsCapacity> ecsServices,
    List<AsgCapacity> autoScalingGroups,
    List<EventSourceMappingState> eventSourceMappings,
    List<RuleState> eventBridgeRules,
    List<ScheduleState> schedules) {

  /** Lists missing from a payload written before a kind existed read as empty. */
  public FleetCapacity {
    ecsServices = ecsServices == null ? List.of() : List.copyOf(ecsServices);
    autoScalingGroups = autoScalingGroups == null ? List.of() : List.copyOf(autoScalingGroups);
    eventSourceMappings =
        eventSourceMappings == null ? List.of() : List.copyOf(eventSourceMappings);
    eventBridgeRules = eventBridgeRules == null ? List.of() : List.copyOf(eventBridgeRules);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
  }

  /** The same resources with nothing running and nothing able to start. */
  public FleetCapacity stopped() {
    return new FleetCapacity(
        region,
        ecsServices.stream().map(s -> new EcsCapacity(s.cluster(), s.service(), 0)).toList(),
        autoScalingGroups.stream()
            .map(g -> new AsgCapacity(g.name(), 0, 0, 0, AsgCapacity.FENCED_PROCESSES))
            .toList(),
        eventSourceMappings.stream()
            .map(m -> new EventSourceMappingState(m.function(), m.eventSourceArn(), false))
            .toList(),
        eventBridgeRules.stream().map(r -> new RuleState(r.eventBus(), r.name(), false)).toList(),
        schedules.stream().map(s -> new ScheduleState(s.group(), s.name(), false)).toList());
  }

  /**
   * The same resources at their current sizes with every mapping, rule and schedule enabled and no
   * scaling process suspended: what a region that takes over runs when the old region's capacity is
   * unknown.
   */
  public FleetCapacity enabled() {
    return new FleetCapacity(
        region,
        ecsServices,
        autoScalingGroups.stream()
            .map(
                g ->
                    new AsgCapacity(
                        g.name(), g.minSize(), g.maxSize(), g.desiredCapacity(), List.of()))
            .toList(),
        eventSourceMappings.stream()
            .map(m -> new EventSourceMappingState(m.function(), m.eventSourceArn(), true))
            .toList(),
        eventBridgeRules.stream().map(r -> new RuleState(r.eventBus(), r.name(), true)).toList(),
        schedules.stream().map(s -> new ScheduleState(s.group(), s.name(), true)).toList());
  }

  /**
   * This state applied to another region's fleet, whose entries correspond by position (the estate
   * validator guarantees equal counts).
   */
  public FleetCapacity movedTo(String otherRegion, Fleet other) {
    return new FleetCapacity(
        otherRegion,
        zip(
            ecsServices,
            other.ecsServices(),
            (s, ref) -> new EcsCapacity(ref.cluster(), ref.service(), s.desiredCount())),
        zip(
            autoScalingGroups,
            other.autoScalingGroups(),
            (g, name) ->
                new AsgCapacity(
                    name, g.minSize(), g.maxSize(), g.desiredCapacity(), g.suspendedProcesses())),
        zip(
            eventSourceMappings,
            other.lambdaEventSourceMappings(),
            (m, ref) ->
                new EventSourceMappingState(ref.function(), ref.eventSourceArn(), m.enabled())),
        zip(
            eventBridgeRules,
            other.eventBridgeRules(),
            (r, ref) -> new RuleState(ref.eventBus(), ref.name(), r.enabled())),
        zip(
            schedules,
            other.schedules(),
            (s, ref) -> new ScheduleState(ref.group(), ref.name(), s.enabled())));
  }

  /** Tasks and instances desired plus enabled mappings, rules and schedules: zero when fenced. */
  public int activeUnits() {
    return ecsServices.stream().mapToInt(EcsCapacity::desiredCount).sum()
        + autoScalingGroups.stream().mapToInt(AsgCapacity::desiredCapacity).sum()
        + (int) eventSourceMappings.stream().filter(EventSourceMappingState::enabled).count()
        + (int) eventBridgeRules.stream().filter(RuleState::enabled).count()
        + (int) schedules.stream().filter(ScheduleState::enabled).count();
  }

  private static <A, B, R> List<R> zip(List<A> states, List<B> refs, BiFunction<A, B, R> combine) {
    List<R> result = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      result.add(combine.apply(states.get(i), refs.get(i)));
    }
    return result;
  }
}
