package dev.regionfailover.devtools.bench;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts fresh workers on the local stack and times how long each takes to poll: until its log says
 * it started, and until the Temporal server lists a poller it has not listed before, which is the
 * fresh worker's first poll of the workflow task queue.
 */
final class WorkerRestarts {

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(20);
  private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(90);

  private final LocalStack stack;
  private final WorkflowClient client;

  WorkerRestarts(LocalStack stack, WorkflowClient client) {
    this.stack = requireNonNull(stack, "stack is null");
    this.client = requireNonNull(client, "client is null");
  }

  /** Starts a fresh worker in place of one that is no longer alive, and times it. */
  WorkerStartup restart() throws InterruptedException {
    Set<String> known = pollers();
    CompletableFuture<Long> firstPoll = CompletableFuture.supplyAsync(() -> awaitNewPoller(known));
    long started = System.nanoTime();
    stack.restartWorker();
    Duration toStartedLine = Duration.ofNanos(System.nanoTime() - started);
    try {
      long polled = firstPoll.get(WATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new WorkerStartup(toStartedLine, Duration.ofNanos(Math.max(0, polled - started)));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the fresh worker did not poll within " + WATCH_TIMEOUT.toSeconds() + " s", e);
    }
  }

  /** Stops the worker as an operator would, with SIGTERM, and starts a fresh one. */
  WorkerStartup replace() throws InterruptedException {
    stack.worker().close();
    return restart();
  }

  private long awaitNewPoller(Set<String> known) {
    long deadline = System.nanoTime() + WATCH_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (pollers().stream().anyMatch(identity -> !known.contains(identity))) {
        return System.nanoTime();
      }
      try {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("no new poller of " + RegionFailoverWorkflow.TASK_QUEUE);
  }

  /** The identities the server lists as polling the workflow task queue. */
  private Set<String> pollers() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setTaskQueue(TaskQueue.newBuilder().setName(RegionFailoverWorkflow.TASK_QUEUE))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                .build())
        .getPollersList()
        .stream()
        .map(PollerInfo::getIdentity)
        .collect(Collectors.toSet());
  }
}
