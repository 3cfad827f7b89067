package dev.regionfailover.workflows.evacuation;

import java.util.List;

/** The failover workflow ids whose phases to read. */
public record PhasesRequest(List<String> workflowIds) {

  public PhasesRequest {
    workflowIds = List.copyOf(workflowIds);
  }
}
