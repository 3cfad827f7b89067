package dev.regionfailover.worker.evacuation;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.evacuation.ChildPhase;
import dev.regionfailover.workflows.evacuation.ChildPhases;
import dev.regionfailover.workflows.evacuation.FailoverWatchActivities;
import dev.regionfailover.workflows.evacuation.PhasesRequest;
import dev.regionfailover.workflows.evacuation.WatchRequest;
import dev.regionfailover.workflows.evacuation.WatchedFailover;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an evacuation's failovers through this worker's own Temporal client. A phase comes from the
 * failover's {@code FailoverPhase} search attribute, which a describe returns without running the
 * workflow; only a failover that waits for someone (FENCE, AWAIT_APPROVAL) or has not set the
 * attribute yet is queried for its status, so a read of a hundred failovers stays cheap.
 */
public final class FailoverWatchActivitiesImpl implements FailoverWatchActivities {

  /** How long one wait for a watched failover's result lasts before the activity heartbeats. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final WorkflowClient client;

  public FailoverWatchActivitiesImpl(WorkflowClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  @Override
  public ChildPhases phases(PhasesRequest request) {
    List<ChildPhase> children = new ArrayList<>();
    for (String workflowId : request.workflowIds()) {
      children.add(phase(workflowId));
    }
    return new ChildPhases(children);
  }

  private ChildPhase phase(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    try {
      WorkflowExecutionDescription description = stub.describe();
      String indexed = description.getTypedSearchAttributes().get(SearchAttributes.FAILOVER_PHASE);
      Phase phase = indexed == null ? null : Phase.valueOf(indexed);
      boolean running =
          description.getWorkflowExecutionInfo().getStatus()
              == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      if (running && (phase == null || phase == Phase.FENCE || phase == Phase.AWAIT_APPROVAL)) {
        FailoverStatus status =
            client.newWorkflowStub(RegionFailoverWorkflow.class, workflowId).status();
        return new ChildPhase(
            workflowId,
            status.phase(),
            status.waitingFor() == null ? null : status.waitingFor().what(),
            null);
      }
      return new ChildPhase(workflowId, phase, null, null);
    } catch (RuntimeException e) {
      return new ChildPhase(workflowId, null, null, RootCause.message(e));
    }
  }

  @Override
  public WatchedFailover watch(WatchRequest request) {
    WorkflowStub stub = client.newUntypedWorkflowStub(request.workflowId());
    while (true) {
      Activity.getExecutionContext().heartbeat(request.workflowId());
      try {
        FailoverResult result =
            stub.getResult(WAIT.toMillis(), TimeUnit.MILLISECONDS, FailoverResult.class);
        return new WatchedFailover(
            request.workflowId(), result.outcome(), result, result.summary());
      } catch (TimeoutException stillRunning) {
        // Heartbeat and wait again: the failover may wait hours for an approval.
      } catch (WorkflowException ended) {
        return new WatchedFailover(
            request.workflowId(), Phase.FAILED, null, RootCause.message(ended));
      }
    }
  }
}
