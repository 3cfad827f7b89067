package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.detection.MonitorStatus;
import dev.regionfailover.workflows.detection.OperatorSignal;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operations of the CLI on RegionHealthMonitor workflows, with Temporal's exceptions turned
 * into messages that name the app, the workflow and what to do next.
 */
public final class MonitorClient {

  private final WorkflowCalls calls;

  public MonitorClient(WorkflowClient client) {
    this.calls = new WorkflowCalls(client);
  }

  /** Starts the monitor of {@code app}; at most one runs per app. */
  public WorkflowExecution start(String app) {
    String workflowId = MonitorRequest.workflowId(app);
    return calls.start(
        RegionHealthMonitorWorkflow.class,
        workflowId,
        WorkflowSummaries.monitor(app),
        stub -> WorkflowClient.start(stub::run, new MonitorRequest(app, null)),
        running ->
            "the monitor of "
                + app
                + " is already running (workflow "
                + workflowId
                + "): see ./failover monitor status "
                + app);
  }

  public MonitorStatus status(String app) {
    try {
      return stub(app).status();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(notRunning(app));
    } catch (WorkflowException e) {
      throw WorkflowCalls.workerNeeded(
          "read the status of workflow " + MonitorRequest.workflowId(app), e.getMessage(), e);
    }
  }

  /** Sends {@code pause}; the status once it shows the monitor paused, if it did in time. */
  public Optional<MonitorStatus> pause(String app, OperatorSignal signal) {
    return signal(app, "pause", stub -> stub.pause(signal), MonitorStatus::paused);
  }

  /** Sends {@code resume}; the status once it shows the monitor running, if it did in time. */
  public Optional<MonitorStatus> resume(String app, OperatorSignal signal) {
    return signal(app, "resume", stub -> stub.resume(signal), s -> !s.paused());
  }

  /**
   * Terminates the monitor. A failover it started goes on: it was started to outlive the monitor.
   */
  public void stop(String app, String by, String reason) {
    try {
      calls
          .client()
          .newUntypedWorkflowStub(MonitorRequest.workflowId(app))
          .terminate("stopped by " + by + (reason == null ? "" : ": " + reason));
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure("cannot stop: " + notRunning(app));
    }
  }

  private Optional<MonitorStatus> signal(
      String app,
      String kind,
      Consumer<RegionHealthMonitorWorkflow> send,
      Predicate<MonitorStatus> shown) {
    calls.signal(
        RegionHealthMonitorWorkflow.class,
        MonitorRequest.workflowId(app),
        kind,
        send,
        () -> notRunning(app));
    return WorkflowCalls.await(() -> Optional.of(stub(app).status()).filter(shown));
  }

  private RegionHealthMonitorWorkflow stub(String app) {
    return calls.stub(RegionHealthMonitorWorkflow.class, MonitorRequest.workflowId(app));
  }

  private static String notRunning(String app) {
    return WorkflowCalls.notRunning("monitor of " + app, MonitorRequest.workflowId(app))
        + "; start one with ./failover monitor start "
        + app;
  }
}
