package dev.regionfailover.workflows.evacuation;

import java.util.List;

/**
 * One app of an evacuation plan: where it goes, its tier, and the apps of the same evacuation that
 * must complete before it starts.
 */
public record PlannedApp(
    String app, String writerRegion, String target, int tier, List<String> dependsOn) {

  public PlannedApp {
    dependsOn = List.copyOf(dependsOn);
  }
}
