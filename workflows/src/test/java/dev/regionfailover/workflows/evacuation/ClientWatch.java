package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * The watch activities through the test environment's client, as the worker's implementation reads
 * them through its own: the status query for phases, the result for a watched failover.
 */
final class ClientWatch implements FailoverWatchActivities {

  private final WorkflowClient client;
  final List<String> watched = new ArrayList<>();

  ClientWatch(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public ChildPhases phases(PhasesRequest request) {
    List<ChildPhase> children = new ArrayList<>();
    for (String id : request.workflowIds()) {
      try {
        FailoverStatus status = client.newWorkflowStub(RegionFailoverWorkflow.class, id).status();
        children.add(
            new ChildPhase(
                id,
                status.phase(),
                status.waitingFor() == null ? null : status.waitingFor().what(),
                null));
      } catch (RuntimeException e) {
        children.add(new ChildPhase(id, null, null, RootCause.message(e)));
      }
    }
    return new ChildPhases(children);
  }

  @Override
  public WatchedFailover watch(WatchRequest request) {
    synchronized (watched) {
      watched.add(request.workflowId());
    }
    try {
      FailoverResult result =
          client.newUntypedWorkflowStub(request.workflowId()).getResult(FailoverResult.class);
      return new WatchedFailover(request.workflowId(), result.outcome(), result, result.summary());
    } catch (WorkflowException e) {
      return new WatchedFailover(request.workflowId(), Phase.FAILED, null, RootCause.message(e));
    }
  }
}
