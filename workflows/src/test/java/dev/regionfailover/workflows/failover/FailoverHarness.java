package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.function.Predicate;

/** Starts failovers in the test environment and waits for what their status shows. */
final class FailoverHarness {

  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  private final String taskQueue;

  FailoverHarness(TestWorkflowEnvironment env, WorkflowClient client, String taskQueue) {
    this.env = env;
    this.client = client;
    this.taskQueue = taskQueue;
  }

  RegionFailoverWorkflow start(String workflowId, FailoverRequest request) {
    RegionFailoverWorkflow failover =
        client.newWorkflowStub(
            RegionFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    WorkflowClient.start(failover::run, request);
    return failover;
  }

  static FailoverResult result(RegionFailoverWorkflow failover) {
    return WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);
  }

  void awaitPhase(RegionFailoverWorkflow failover, Phase phase) {
    await(failover, s -> s.phase() == phase, "phase " + phase);
  }

  /** Waits until status says the workflow waits for something containing {@code what}. */
  void awaitWaitingFor(RegionFailoverWorkflow failover, String what) {
    await(
        failover,
        s -> s.waitingFor() != null && s.waitingFor().what().contains(what),
        "waiting for " + what);
  }

  private void await(
      RegionFailoverWorkflow failover, Predicate<FailoverStatus> condition, String description) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.test(failover.status())) {
      assertThat(System.nanoTime())
          .as("%s not reached; status %s", description, failover.status())
          .isLessThan(deadline);
      env.sleep(Duration.ofMillis(50));
    }
  }
}
