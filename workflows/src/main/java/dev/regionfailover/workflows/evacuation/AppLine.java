package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.Phase;
import java.util.List;

/**
 * One app of an evacuation: its place in the order, its state, its failover's phase and what it
 * waits for (as last read), the times of its failover (ISO-8601) and, once ended, its RPO and
 * outcome in words.
 */
public record AppLine(
    String app,
    int tier,
    String target,
    List<String> dependsOn,
    AppState state,
    Phase phase,
    String waitingFor,
    String workflowId,
    boolean adopted,
    String startedAt,
    String endedAt,
    Long durationMillis,
    Long rpoSeconds,
    String detail) {

  public AppLine {
    dependsOn = List.copyOf(dependsOn);
  }
}
