package dev.regionfailover.activities.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An activity that blocks for three times its heartbeat timeout, as a slow AWS call does, is not
 * timed out while the worker lives, and the checkpoint it heartbeated before blocking survives the
 * repeated heartbeats, also those of a later attempt that has not heartbeated yet.
 */
class KeepAliveHeartbeatsTest {

  private static final String QUEUE = "keep-alive";
  private static final Duration BLOCK = Duration.ofSeconds(3);

  private TestWorkflowEnvironment env;
  private KeepAliveHeartbeats heartbeats;

  @AfterEach
  void tearDown() {
    env.close();
    if (heartbeats != null) {
      heartbeats.close();
    }
  }

  @Test
  void blockedAttemptsKeepTheirCheckpoint() {
    heartbeats = new KeepAliveHeartbeats();
    start(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(heartbeats).build());

    assertThat(workflow().run("page 7", 3)).isEqualTo("page 7");
  }

  @Test
  void theBlockedAttemptEndsOnItsOwnFailureNotATimeout() {
    heartbeats = new KeepAliveHeartbeats();
    start(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(heartbeats).build());

    assertThatThrownBy(() -> workflow().run("page 7", 1))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("Blocked"));
  }

  @Test
  void withoutThemTheSameActivityTimesOut() {
    start(WorkerFactoryOptions.getDefaultInstance());

    assertThatThrownBy(() -> workflow().run("page 7", 1))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            TimeoutFailure.class,
            timeout ->
                assertThat(timeout.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
  }

  private void start(WorkerFactoryOptions factoryOptions) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(factoryOptions)
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(SlowWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SlowActivityImpl(BLOCK));
    env.start();
  }

  private SlowWorkflow workflow() {
    WorkflowClient client = env.getWorkflowClient();
    return client.newWorkflowStub(
        SlowWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
  }
}
