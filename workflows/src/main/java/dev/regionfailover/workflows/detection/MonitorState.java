package dev.regionfailover.workflows.detection;

import java.util.List;

/**
 * What one run of the monitor hands to the next through continue-as-new: each region's health,
 * whether it is paused and by whom, the failover it started or found running, the writer region
 * whose impairment that failover answered ({@code handledRegion}, cleared when the region recovers,
 * so one impairment never starts two failovers), how many samples it has taken, and its recent
 * events.
 */
public record MonitorState(
    List<RegionHealth> regions,
    boolean paused,
    String pausedBy,
    String pauseReason,
    FailoverLaunch failover,
    String handledRegion,
    long samples,
    List<MonitorEvent> events) {

  public MonitorState {
    regions = regions == null ? List.of() : List.copyOf(regions);
    events = events == null ? List.of() : List.copyOf(events);
  }
}
