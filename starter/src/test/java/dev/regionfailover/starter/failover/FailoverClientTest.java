package dev.regionfailover.starter.failover;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.starter.TemporalTestService;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverClientTest {

  @Test
  void anUpdateNoWorkerAnswersFailsAfterTheBudgetAndSaysWhatToCheck() {
    try (TemporalTestService temporal = new TemporalTestService()) {
      WorkflowClient client = temporal.client();
      // A task queue no worker polls, so the workflow never runs its first task.
      RegionFailoverWorkflow failover =
          client.newWorkflowStub(
              RegionFailoverWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("nobody-polls")
                  .setWorkflowId(FailoverRequest.workflowId("orders"))
                  .build());
      WorkflowClient.start(
          failover::run, new FailoverRequest("orders", "us-west-2", "PLANNED", "test", "carol"));

      assertThatThrownBy(
              () ->
                  new FailoverClient(client, Duration.ofMillis(800))
                      .approve("orders", new ApprovalSignal("alice", "")))
          .isInstanceOf(CliFailure.class)
          .hasMessage(
              "workflow failover-orders did not answer approvePromotionUpdate within 800 ms."
                  + " Is a worker for task queue region-failover running? The update may still"
                  + " count once one takes it: see ./failover status orders");
    }
  }
}
