package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fleets hand work over by position: the first ECS service of the source region to the first of the
 * target, and so on. So once any region has a fleet, every region needs one, keyed by the estate's
 * regions, with as many entries of each kind as the others.
 */
final class FleetRules {

  private static final List<String> KINDS =
      List.of(
          "ecsServices",
          "autoScalingGroups",
          "lambdaEventSourceMappings",
          "eventBridgeRules",
          "schedules");

  private final List<String> regions;
  private final List<String> errors;

  FleetRules(List<String> regions, List<String> errors) {
    this.regions = regions;
    this.errors = errors;
  }

  void check(JsonNode fleets) {
    if (!fleets.isObject()) {
      return;
    }
    Map<String, JsonNode> byRegion = new LinkedHashMap<>();
    fleets
        .fields()
        .forEachRemaining(
            entry -> {
              if (!regions.contains(entry.getKey())) {
                errors.add(
                    "fleets.%s: %s is not one of the estate's regions %s"
                        .formatted(entry.getKey(), entry.getKey(), regions));
              } else if (entry.getValue().isObject()) {
                byRegion.put(entry.getKey(), entry.getValue());
              }
            });
    if (byRegion.isEmpty()) {
      return;
    }
    for (String region : regions) {
      if (!byRegion.containsKey(region)) {
        errors.add(
            "fleets.%s: missing; every region needs a fleet once any region has one, so that work can move"
                .formatted(region));
      }
    }
    Map.Entry<String, JsonNode> first = byRegion.entrySet().iterator().next();
    byRegion.forEach(
        (region, fleet) -> {
          for (String kind : KINDS) {
            int expected = entries(first.getValue(), kind);
            int size = entries(fleet, kind);
            if (size != expected) {
              errors.add(
                  ("fleets.%s.%s: has %d entries but fleets.%s has %d; entries correspond by"
                          + " position across regions")
                      .formatted(region, kind, size, first.getKey(), expected));
            }
          }
        });
  }

  /** The entries of a kind that are of the right shape; the schema has named the others. */
  private static int entries(JsonNode fleet, String kind) {
    int entries = 0;
    for (JsonNode entry : fleet.path(kind)) {
      boolean named = !entry.isContainerNode() && !entry.isNull() && !entry.asText().isBlank();
      if (kind.equals("autoScalingGroups") ? named : entry.isObject()) {
        entries++;
      }
    }
    return entries;
  }
}
