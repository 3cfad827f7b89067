package dev.regionfailover.workflows.detection;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Input of {@code RegionHealthMonitor}: the app, and the state carried over from the previous run
 * ({@code carried}, null on the first start). Operators start it with {@code {"app":"orders"}}.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record MonitorRequest(String app, MonitorState carried) {

  /** The workflow id that makes at most one monitor per app run at a time. */
  public static String workflowId(String app) {
    return "monitor-" + app;
  }
}
