package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.render.TextTable;

/**
 * The status of a health monitor as {@code ./failover monitor status} prints it; the monitor shows
 * the same text as its current details. Pure, so workflow code may call it.
 */
public final class MonitorStatusText {

  private static final String INDENT = "  ";

  private MonitorStatusText() {}

  /** The status table. */
  public static String render(MonitorStatus status) {
    StringBuilder out = new StringBuilder();
    out.append("Health monitor of ").append(status.app()).append('\n');
    out.append(
        new TextTable(2)
            .row(
                "state",
                status.paused()
                    ? "PAUSED by %s (%s)".formatted(status.pausedBy(), status.pauseReason())
                    : "watching")
            .row("interval", status.interval())
            .row(
                "rule",
                ("impaired after %s consecutive samples on %s signals; healthy after %s"
                        + " samples without")
                    .formatted(
                        status.consecutiveSamples(),
                        HealthVerdicts.CORROBORATING_SIGNALS,
                        status.consecutiveSamples()))
            .row("writer", status.writerRegion())
            .row("samples", status.samples())
            .row("auto-approve", status.autoApprove())
            .render(INDENT));
    out.append("Regions\n");
    TextTable regions = new TextTable(5).row("region", "verdict", "since", "streaks", "error");
    for (RegionHealth region : status.regions()) {
      regions.row(
          region.region(),
          region.verdict(),
          region.verdictSince(),
          region.impairedStreaks().isEmpty() ? null : HealthVerdicts.evidence(region),
          region.lastError());
    }
    out.append(regions.render(INDENT));
    out.append("Last samples\n");
    TextTable samples = new TextTable(4).row("region", "signal", "state", "observed");
    for (RegionHealth region : status.regions()) {
      if (region.lastSample() == null) {
        continue;
      }
      for (SignalReading reading : region.lastSample().readings()) {
        samples.row(
            region.region(),
            reading.kind(),
            reading.impaired() ? "IMPAIRED" : "ok",
            reading.observed());
      }
    }
    out.append(samples.render(INDENT));
    FailoverLaunch failover = status.failover();
    if (failover != null) {
      out.append("Failover\n");
      out.append(
          new TextTable(2)
              .row("workflow", failover.workflowId())
              .row("run", failover.runId())
              .row(
                  "how",
                  failover.startedByMonitor()
                      ? "started by the monitor"
                      : "already running when the monitor tried; not started again")
              .row(
                  "regions",
                  failover.targetRegion() == null
                      ? "away from " + failover.fromRegion()
                      : failover.fromRegion() + " -> " + failover.targetRegion())
              .row("at", failover.at())
              .row("evidence", failover.evidence())
              .render(INDENT));
    }
    if (!status.events().isEmpty()) {
      out.append("Events\n");
      TextTable events = new TextTable(2);
      for (MonitorEvent event : status.events()) {
        events.row(event.at(), event.what());
      }
      out.append(events.render(INDENT));
    }
    return out.toString();
  }
}
