package dev.regionfailover.workflows.detection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of {@code RegionHealthMonitor}: the app, and the state carried over from the previous run
 * ({@code carried}, null on the first start). Operators start it with {@code {"app":"orders"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonitorRequest(String app, MonitorState carried) {

  /** The workflow id that makes at most one monitor per app run at a time. */
  public static String workflowId(String app) {
    return "monitor-" + app;
  }
}
