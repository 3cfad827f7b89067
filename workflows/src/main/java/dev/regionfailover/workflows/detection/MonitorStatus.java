package dev.regionfailover.workflows.detection;

import java.util.List;

/**
 * Result of the {@code status} query: the monitor's settings, each region's health (verdict,
 * consecutive counts and last sample), the writer it last read, whether it is paused, the failover
 * it started, and its recent events.
 */
public record MonitorStatus(
    String app,
    String interval,
    int consecutiveSamples,
    boolean autoApprove,
    boolean paused,
    String pausedBy,
    String pauseReason,
    String writerRegion,
    List<RegionHealth> regions,
    FailoverLaunch failover,
    long samples,
    List<MonitorEvent> events) {

  public MonitorStatus {
    regions = regions == null ? List.of() : List.copyOf(regions);
    events = events == null ? List.of() : List.copyOf(events);
  }
}
