package dev.regionfailover.workflows.detection;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches one app's regions for as long as it runs (id {@code monitor-<app>}), and starts an
 * UNPLANNED {@code RegionFailover} when the writer region is impaired on two corroborating signals.
 * The names here are the public contract typed by Temporal CLI and UI users.
 */
@WorkflowInterface
public interface RegionHealthMonitorWorkflow {

  String TYPE = "RegionHealthMonitor";

  @WorkflowMethod(name = TYPE)
  void run(MonitorRequest request);

  /** Keeps sampling but starts no failover until {@code resume}. */
  @SignalMethod(
      name = "pause",
      description =
          "Pause: the monitor keeps sampling the regions but starts no failover until resume."
              + " Payload {\"by\":\"carol\",\"reason\":\"maintenance window\"}; ignored"
              + " without \"by\".")
  void pause(OperatorSignal signal);

  @SignalMethod(
      name = "resume",
      description =
          "Resume after pause: an impaired writer region may start an UNPLANNED failover again."
              + " Payload {\"by\":\"carol\",\"reason\":\"maintenance done\"}; ignored"
              + " without \"by\" or when not paused.")
  void resume(OperatorSignal signal);

  @QueryMethod(
      name = "status",
      description =
          "The monitor's view: each region's verdict and evidence, the writer region, whether"
              + " it is paused and by whom, the failover it started (if any), samples taken and"
              + " recent events. No arguments.")
  MonitorStatus status();
}
