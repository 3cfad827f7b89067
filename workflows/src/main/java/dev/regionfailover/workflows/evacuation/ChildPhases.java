package dev.regionfailover.workflows.evacuation;

import java.util.List;

/** The phases read for a {@link PhasesRequest}, in its order. */
public record ChildPhases(List<ChildPhase> children) {

  public ChildPhases {
    children = List.copyOf(children);
  }
}
