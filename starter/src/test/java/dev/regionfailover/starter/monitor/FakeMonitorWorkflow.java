package dev.regionfailover.starter.monitor;

import dev.regionfailover.workflows.detection.FailoverLaunch;
import dev.regionfailover.workflows.detection.MonitorEvent;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.detection.MonitorStatus;
import dev.regionfailover.workflows.detection.OperatorSignal;
import dev.regionfailover.workflows.detection.RegionHealth;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import dev.regionfailover.workflows.detection.RegionSample;
import dev.regionfailover.workflows.detection.RegionVerdict;
import dev.regionfailover.workflows.detection.SignalKind;
import dev.regionfailover.workflows.detection.SignalReading;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the real monitor: it samples nothing, shows a fixed picture of an impaired writer
 * and the failover started for it, and keeps pause and resume as the real one does. The CLI cannot
 * tell it from the real one.
 */
public class FakeMonitorWorkflow implements RegionHealthMonitorWorkflow {

  static final String AT = "2026-01-01T00:01:30Z";

  private final List<MonitorEvent> events = new ArrayList<>();
  private String app;
  private boolean paused;
  private String pausedBy;
  private String pauseReason;

  @Override
  public void run(MonitorRequest request) {
    app = request.app();
    Workflow.await(() -> false);
  }

  @Override
  public void pause(OperatorSignal signal) {
    paused = true;
    pausedBy = signal.by();
    pauseReason = signal.reason();
    events.add(new MonitorEvent(AT, "paused by " + signal.by()));
  }

  @Override
  public void resume(OperatorSignal signal) {
    paused = false;
    pausedBy = null;
    pauseReason = null;
    events.add(new MonitorEvent(AT, "resumed by " + signal.by()));
  }

  @Override
  public MonitorStatus status() {
    RegionSample east =
        new RegionSample(
            "us-east-1",
            AT,
            true,
            List.of(
                new SignalReading(SignalKind.ALARMS, true, "orders-5xx-use1=ALARM"),
                new SignalReading(
                    SignalKind.HEALTH_CHECK,
                    true,
                    "orders-api-use1: 0 of 3 checkers report success")));
    RegionSample west =
        new RegionSample(
            "us-west-2",
            AT,
            true,
            List.of(new SignalReading(SignalKind.ALARMS, false, "orders-5xx-usw2=OK")));
    return new MonitorStatus(
        app,
        "PT30S",
        3,
        false,
        paused,
        pausedBy,
        pauseReason,
        "us-east-1",
        List.of(
            new RegionHealth(
                "us-east-1",
                RegionVerdict.IMPAIRED,
                AT,
                Map.of(SignalKind.ALARMS, 3, SignalKind.HEALTH_CHECK, 3),
                0,
                east,
                null),
            new RegionHealth("us-west-2", RegionVerdict.HEALTHY, null, Map.of(), 3, west, null)),
        new FailoverLaunch(
            "failover-" + app,
            "run-1",
            "us-east-1",
            "us-west-2",
            AT,
            true,
            "us-east-1 (writer) impaired"),
        3,
        List.copyOf(events));
  }
}
