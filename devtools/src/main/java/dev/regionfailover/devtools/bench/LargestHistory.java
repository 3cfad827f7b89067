package dev.regionfailover.devtools.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;

/**
 * The workflow run with the most history events in the namespace, from the server's visibility: the
 * evacuation, a failover, a re-pin or a reconcile. A history that grows with the number of apps is
 * what would stop an evacuation from scaling.
 *
 * @param workflowId the run's workflow id
 * @param events how many events its history holds
 * @param runs how many runs the namespace holds
 */
record LargestHistory(String workflowId, long events, int runs) {

  static LargestHistory of(WorkflowClient client) {
    String namespace = client.getOptions().getNamespace();
    WorkflowExecutionInfo largest = null;
    int runs = 0;
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setPageSize(1000)
                      .setNextPageToken(page)
                      .build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        runs++;
        if (largest == null || info.getHistoryLength() > largest.getHistoryLength()) {
          largest = info;
        }
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return largest == null
        ? new LargestHistory("none", 0, 0)
        : new LargestHistory(
            largest.getExecution().getWorkflowId(), largest.getHistoryLength(), runs);
  }
}
