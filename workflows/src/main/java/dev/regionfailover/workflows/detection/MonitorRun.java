package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.render.Details;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * What the phases of one monitor run share: the estate, each region's health, the pause, the
 * failover started, and the events that status shows. The part that outlives a run travels as a
 * {@link MonitorState} through continue-as-new.
 */
final class MonitorRun {

  private static final Logger log = Workflow.getLogger(RegionHealthMonitorWorkflowImpl.class);

  /** How many events status keeps; older ones are dropped. */
  static final int MAX_EVENTS = 20;

  final List<RegionHealth> regions = new ArrayList<>();
  private final List<MonitorEvent> events = new ArrayList<>();

  String app;
  Estate estate;
  Detection detection;
  boolean paused;
  String pausedBy;
  String pauseReason;
  FailoverLaunch failover;

  /** The writer region a failover was started away from; it is not failed over again. */
  String handledRegion;

  long samples;
  String writer;

  /** The round in which {@link #writer} was read; -1 when it must be read again. */
  long writerReadAt = -1;

  void restore(MonitorState state) {
    regions.addAll(state.regions());
    events.addAll(state.events());
    paused = state.paused();
    pausedBy = state.pausedBy();
    pauseReason = state.pauseReason();
    failover = state.failover();
    handledRegion = state.handledRegion();
    samples = state.samples();
  }

  MonitorState carried() {
    return new MonitorState(
        regions, paused, pausedBy, pauseReason, failover, handledRegion, samples, events);
  }

  MonitorStatus status() {
    return new MonitorStatus(
        app,
        detection == null ? null : detection.interval().toString(),
        detection == null ? 0 : detection.consecutiveSamples(),
        detection != null && detection.autoApprove(),
        paused,
        pausedBy,
        pauseReason,
        writer,
        List.copyOf(regions),
        failover,
        samples,
        List.copyOf(events));
  }

  RegionHealth health(String region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst().orElse(null);
  }

  /** Records an event, unless it repeats the last one, keeping the newest {@link #MAX_EVENTS}. */
  void note(String what) {
    if (!events.isEmpty() && events.get(events.size() - 1).what().equals(what)) {
      return;
    }
    events.add(new MonitorEvent(now(), what));
    while (events.size() > MAX_EVENTS) {
      events.remove(0);
    }
    log.info("Monitor of {}: {}", app, what);
  }

  /** Shows the status, as {@code ./failover monitor status} prints it, as the current details. */
  void publish() {
    Workflow.setCurrentDetails(Details.preformatted(MonitorStatusText.render(status())));
  }

  static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
