package dev.regionfailover.starter.monitor;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.detection.MonitorStatus;
import dev.regionfailover.workflows.detection.OperatorSignal;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operations of the CLI on RegionHealthMonitor workflows, with Temporal's exceptions turned
 * into messages that name the app, the workflow and what to do next.
 */
public final class MonitorClient {

  /** How long pause and resume wait for the monitor to show the change. */
  private static final Duration CONFIRM_BUDGET = Duration.ofSeconds(3);

  private static final Duration CONFIRM_POLL = Duration.ofMillis(200);

  private final WorkflowClient client;

  public MonitorClient(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** Starts the monitor of {@code app}; at most one runs per app. */
  public WorkflowExecution start(String app) {
    String workflowId = MonitorRequest.workflowId(app);
    RegionHealthMonitorWorkflow stub =
        client.newWorkflowStub(
            RegionHealthMonitorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    try {
      return WorkflowClient.start(stub::run, new MonitorRequest(app, null));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CliFailure(
          "the monitor of "
              + app
              + " is already running (workflow "
              + workflowId
              + "): see ./failover monitor status "
              + app);
    }
  }

  public MonitorStatus status(String app) {
    try {
      return stub(app).status();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(notRunning(app));
    } catch (WorkflowException e) {
      throw new CliFailure(
          "cannot read the status of workflow "
              + MonitorRequest.workflowId(app)
              + ": "
              + e.getMessage()
              + ". Is a worker for task queue "
              + RegionFailoverWorkflow.TASK_QUEUE
              + " running?",
          e);
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
      client
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
    try {
      send.accept(stub(app));
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure("cannot send " + kind + ": " + notRunning(app));
    }
    long deadline = System.nanoTime() + CONFIRM_BUDGET.toNanos();
    while (true) {
      MonitorStatus status;
      try {
        status = stub(app).status();
      } catch (WorkflowException e) {
        return Optional.empty();
      }
      if (shown.test(status)) {
        return Optional.of(status);
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(CONFIRM_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private RegionHealthMonitorWorkflow stub(String app) {
    return client.newWorkflowStub(
        RegionHealthMonitorWorkflow.class, MonitorRequest.workflowId(app));
  }

  private static String notRunning(String app) {
    return "no monitor of "
        + app
        + " is running (workflow "
        + MonitorRequest.workflowId(app)
        + "); start one with ./failover monitor start "
        + app;
  }
}
