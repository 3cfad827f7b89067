package dev.regionfailover.worker;

import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Starts failovers the way operators do: on the contract task queue and workflow id. */
final class Failovers {

  private Failovers() {}

  static RegionFailoverWorkflow start(WorkflowClient client, FailoverRequest request) {
    RegionFailoverWorkflow failover =
        client.newWorkflowStub(
            RegionFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(FailoverRequest.workflowId(request.app()))
                .build());
    WorkflowClient.start(failover::run, request);
    return failover;
  }
}
