package dev.regionfailover.workflows.failover;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * A failover's own metrics: how it ended, how long each phase took and how long it waited for a
 * human. They go through {@link Workflow#getMetricsScope()}, which emits nothing while history
 * replays, so a worker that replays a failover does not count its past again. Metrics are not
 * commands: emitting them changes nothing in the history.
 *
 * <p>The time of a phase is measured with workflow time from the moment the phase was entered, so a
 * phase that spans a worker restart is reported once, in full, by the worker that sees it end.
 */
final class FailoverMetrics {

  /** Failovers ended, by app, mode and outcome; Prometheus adds {@code _total}. */
  static final String FAILOVERS = "region_failover_failovers";

  /** The duration of each phase; Prometheus adds {@code _seconds}. */
  static final String PHASE = "region_failover_phase";

  /** Time spent waiting for a human, by {@code waiting_for}; Prometheus adds {@code _seconds}. */
  static final String WAITING = "region_failover_waiting";

  static final String APPROVAL = "approval";
  static final String CONFIRM_FENCED = "confirm_fenced";

  private static final String UNKNOWN = "unknown";

  private Phase timedPhase;
  private long phaseEnteredMillis;

  /** Records the end of the phase that was timed when the failover has moved to another one. */
  void observe(FailoverState state) {
    if (state.request == null || state.phase == timedPhase) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    if (timedPhase != null) {
      scope(state)
          .tagged(Map.of("phase", timedPhase.name()))
          .timer(PHASE)
          .record(com.uber.m3.util.Duration.ofMillis(now - phaseEnteredMillis));
    }
    timedPhase = state.phase;
    phaseEnteredMillis = now;
    if (state.isFinal()) {
      scope(state).tagged(Map.of("outcome", state.phase.name())).counter(FAILOVERS).inc(1);
    }
  }

  /** Records a wait for a human that began at {@code sinceMillis} (workflow time) and ended now. */
  void waited(FailoverState state, String waitingFor, long sinceMillis) {
    scope(state)
        .tagged(Map.of("waiting_for", waitingFor))
        .timer(WAITING)
        .record(com.uber.m3.util.Duration.ofMillis(Workflow.currentTimeMillis() - sinceMillis));
  }

  private static Scope scope(FailoverState state) {
    String app = state.request.app();
    FailoverMode mode = state.mode != null ? state.mode : FailoverMode.parse(state.request.mode());
    return Workflow.getMetricsScope()
        .tagged(
            Map.of(
                "app", app == null || app.isBlank() ? UNKNOWN : app,
                "mode", mode == null ? UNKNOWN : mode.name()));
  }
}
