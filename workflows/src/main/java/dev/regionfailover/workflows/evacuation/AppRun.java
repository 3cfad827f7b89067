package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.Phase;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** The mutable progress of one app inside the evacuation workflow. */
final class AppRun {

  final PlannedApp planned;
  AppState state;
  Phase phase;
  String waitingFor;
  boolean adopted;
  boolean abortSent;
  long startedAtMillis;
  long endedAtMillis;
  Long rpoSeconds;
  String detail = "";
  final Set<String> forwardedApprovals = new LinkedHashSet<>();

  AppRun(PlannedApp planned) {
    this.planned = planned;
    this.state = planned.dependsOn().isEmpty() ? AppState.READY : AppState.WAITING;
  }

  String app() {
    return planned.app();
  }

  String workflowId() {
    return FailoverRequest.workflowId(planned.app());
  }

  /** How long its failover ran, or has run by {@code now}; null before it started. */
  Long elapsed(long now) {
    if (startedAtMillis == 0) {
      return null;
    }
    return (endedAtMillis == 0 ? now : endedAtMillis) - startedAtMillis;
  }

  /** What status counts it under: its failover's phase while it runs, else its state. */
  String countedAs() {
    if ((state == AppState.RUNNING || state == AppState.ADOPTED) && phase != null) {
      return phase.name();
    }
    return state.name();
  }

  AppLine line(long now) {
    return new AppLine(
        planned.app(),
        planned.tier(),
        planned.target(),
        planned.dependsOn(),
        state,
        phase,
        waitingFor,
        startedAtMillis == 0 ? null : workflowId(),
        adopted,
        instant(startedAtMillis),
        instant(endedAtMillis),
        elapsed(now),
        rpoSeconds,
        detail);
  }

  private static String instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
  }
}
