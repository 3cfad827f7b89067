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
  @SignalMethod(name = "pause")
  void pause(OperatorSignal signal);

  @SignalMethod(name = "resume")
  void resume(OperatorSignal signal);

  @QueryMethod(name = "status")
  MonitorStatus status();
}
