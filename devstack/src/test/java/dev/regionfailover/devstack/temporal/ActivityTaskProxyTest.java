package dev.regionfailover.devstack.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker behind the proxy finishes an activity whose completion the proxy holds; the worker is
 * stopped, the completion dropped, and a second worker behind the proxy gets the activity again
 * once the server noticed the first attempt's silence, and the workflow completes through the
 * proxy.
 */
class ActivityTaskProxyTest {

  private static final String QUEUE = "proxy-test";
  private static final AtomicInteger EXECUTIONS = new AtomicInteger();

  /** A workflow of one activity. */
  @WorkflowInterface
  public interface OneStep {
    @WorkflowMethod
    String run(String input);
  }

  /** The activity, which counts its executions. */
  @ActivityInterface
  public interface Step {
    String step(String input);
  }

  /** Calls the activity with a short heartbeat timeout, so that a lost attempt is retried soon. */
  public static class OneStepImpl implements OneStep {
    private final Step step =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(2))
                .setRetryOptions(
                    RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).build())
                .build());

    @Override
    public String run(String input) {
      return step.step(input);
    }
  }

  /** Counts and echoes. */
  public static class StepImpl implements Step {
    @Override
    public String step(String input) {
      EXECUTIONS.incrementAndGet();
      return "done " + input;
    }
  }

  private TemporalServer temporal;
  private ActivityTaskProxy proxy;
  private WorkflowServiceStubs direct;

  @BeforeEach
  void setUp() {
    EXECUTIONS.set(0);
    temporal = TemporalForTesting.server();
    proxy = ActivityTaskProxy.start(temporal.target());
    direct =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterEach
  void tearDown() {
    direct.shutdownNow();
    proxy.close();
    temporal.close();
  }

  @Test
  void aDroppedCompletionIsRetriedOnTheNextWorker() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    AtomicReference<CompletionHold> hold = new AtomicReference<>();
    List<ByteString> tokens = new CopyOnWriteArrayList<>();
    List<ByteString> completions = new CopyOnWriteArrayList<>();
    proxy.onActivityCompletion(completions::add);
    proxy.onActivityTask(
        task -> {
          seen.add(new Seen(task.activityType(), task.attempt()));
          tokens.add(task.taskToken());
          if (task.attempt() == 1) {
            hold.set(proxy.holdCompletion(task.taskToken()));
          }
        });
    Running first = startWorker();
    WorkflowClient client = WorkflowClient.newInstance(direct);
    OneStep workflow =
        client.newWorkflowStub(
            OneStep.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("proxied").build());
    WorkflowClient.start(workflow::run, "x");

    awaitArmed(hold);
    assertThat(hold.get().awaitHeld(Duration.ofSeconds(30))).isTrue();
    assertThat(EXECUTIONS.get()).isEqualTo(1);
    first.stop();
    hold.get().release();
    Running second = startWorker();
    try {
      String result =
          client.newUntypedWorkflowStub("proxied").getResult(60, TimeUnit.SECONDS, String.class);

      assertThat(result).isEqualTo("done x");
      assertThat(EXECUTIONS.get()).isEqualTo(2);
      assertThat(seen).containsExactly(new Seen("Step", 1), new Seen("Step", 2));
      assertThat(completions)
          .as("only the retry's completion was forwarded")
          .containsExactly(tokens.get(1));
    } finally {
      second.stop();
    }
  }

  /** What the test saw of a task. */
  record Seen(String type, int attempt) {}

  /** A worker of its own connection through the proxy. */
  private record Running(WorkflowServiceStubs service, WorkerFactory factory) {
    void stop() {
      factory.shutdownNow();
      service.shutdownNow();
    }
  }

  private Running startWorker() {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(proxy.target()).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
    var worker =
        factory.newWorker(
            QUEUE,
            WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(temporal.stickyScheduleToStartTimeout())
                .build());
    worker.registerWorkflowImplementationTypes(OneStepImpl.class);
    worker.registerActivitiesImplementations(new StepImpl());
    factory.start();
    return new Running(service, factory);
  }

  private static void awaitArmed(AtomicReference<CompletionHold> hold) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (hold.get() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hold.get()).as("no activity task within 30 s").isNotNull();
  }
}
