package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.estate.Fleet;
import java.util.ArrayList;
import java.util.List;

/** Names every background worker of a fleet, for the list of what could not be fenced. */
final class FleetResources {

  private FleetResources() {}

  static List<String> describe(String region, Fleet fleet) {
    List<String> names = new ArrayList<>();
    fleet
        .ecsServices()
        .forEach(
            s -> names.add("ECS service " + s.cluster() + "/" + s.service() + " in " + region));
    fleet.autoScalingGroups().forEach(g -> names.add("Auto Scaling group " + g + " in " + region));
    fleet
        .lambdaEventSourceMappings()
        .forEach(
            m ->
                names.add(
                    "event source mapping "
                        + m.eventSourceArn()
                        + " -> "
                        + m.function()
                        + " in "
                        + region));
    fleet
        .eventBridgeRules()
        .forEach(
            r -> names.add("EventBridge rule " + r.eventBus() + "/" + r.name() + " in " + region));
    fleet
        .schedules()
        .forEach(s -> names.add("schedule " + s.group() + "/" + s.name() + " in " + region));
    return names;
  }
}
