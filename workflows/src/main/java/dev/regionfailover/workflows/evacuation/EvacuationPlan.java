package dev.regionfailover.workflows.evacuation;

import java.util.List;

/**
 * The apps to move, in an order that honours every dependency (lower tier first, then name, among
 * apps whose dependencies come earlier), and notes on what was left out or treated as satisfied.
 */
public record EvacuationPlan(List<PlannedApp> apps, List<String> notes) {

  public EvacuationPlan {
    apps = List.copyOf(apps);
    notes = List.copyOf(notes);
  }
}
