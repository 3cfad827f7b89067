package dev.regionfailover.devtools.bench;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.failover.FailoverClient;
import dev.regionfailover.starter.failover.UpdateAnswer;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one failover of an app on the local stack for a benchmark, watching it through the server
 * alone ({@code DescribeWorkflowExecution}: its phase search attribute and what it has in flight),
 * so that the watching costs the worker nothing. Approves the promotion as soon as the workflow
 * waits for it, and kills the worker with SIGKILL once in each phase of a kill plan while a step
 * runs, starting a fresh worker each time.
 */
final class BenchFailover {

  static final String APP = "orders";
  static final String REQUESTER = "bench";
  static final String APPROVER = "alice";

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(20);
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final WorkflowClient client;
  private final FailoverClient failovers;
  private final LocalStack stack;
  private final WorkerRestarts restarts;

  BenchFailover(WorkflowClient client, LocalStack stack, WorkerRestarts restarts) {
    this.client = requireNonNull(client, "client is null");
    this.failovers = new FailoverClient(client);
    this.stack = requireNonNull(stack, "stack is null");
    this.restarts = requireNonNull(restarts, "restarts is null");
  }

  /**
   * What one run did.
   *
   * @param execution the failover's workflow execution
   * @param result its result
   * @param approvalWait from the bench seeing the workflow wait for approval to the approval's
   *     acceptance; zero when no approval was asked for
   * @param kills the kills, in order
   */
  record Run(
      WorkflowExecution execution,
      FailoverResult result,
      Duration approvalWait,
      List<BenchKill> kills) {}

  /**
   * Runs a failover of {@link #APP} to {@code target} and waits for its result.
   *
   * @param killPhases the phases in each of which the worker is killed once, in order
   * @throws CliFailure when the failover fails or does not end within ten minutes
   */
  Run run(String target, FailoverMode mode, List<Phase> killPhases) throws InterruptedException {
    Deque<Phase> plan = new ArrayDeque<>(killPhases);
    List<BenchKill> kills = new ArrayList<>();
    WorkflowExecution execution =
        failovers.start(
            new FailoverRequest(APP, target, mode, "./failover bench failover", REQUESTER));
    CompletableFuture<FailoverResult> result = failovers.result(execution);
    Duration approvalWait = Duration.ZERO;
    // A DRILL approves itself.
    boolean approved = mode == FailoverMode.DRILL;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!result.isDone()) {
      if (System.nanoTime() > deadline) {
        throw new CliFailure(
            "the benchmark failover did not end within " + TIMEOUT.toMinutes() + " min");
      }
      DescribeWorkflowExecutionResponse description = describe(execution.getWorkflowId());
      Optional<Phase> phase = phase(description);
      if (!approved && phase.orElse(null) == Phase.AWAIT_APPROVAL) {
        approvalWait = approve();
        approved = true;
      }
      Optional<String> inFlight = inFlight(description);
      if (!plan.isEmpty()
          && phase.isPresent()
          && phase.get().ordinal() >= plan.peek().ordinal()
          && inFlight.isPresent()) {
        plan.pop();
        kills.add(kill(phase.get(), inFlight.get()));
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
    try {
      return new Run(execution, result.join(), approvalWait, kills);
    } catch (CompletionException e) {
      throw e.getCause() instanceof CliFailure failure ? failure : e;
    }
  }

  private Duration approve() throws InterruptedException {
    long seen = System.nanoTime();
    while (true) {
      UpdateAnswer answer =
          failovers.approve(APP, new ApprovalSignal(APPROVER, "approved at once by the benchmark"));
      if (answer.isAccepted()) {
        return Duration.ofNanos(System.nanoTime() - seen);
      }
      // An approval sent the moment the phase shows may race the workflow task that opens the
      // gate; another try a moment later settles that, and a lasting refusal ends the run.
      if (System.nanoTime() - seen > Duration.ofSeconds(30).toNanos()) {
        throw new CliFailure("the benchmark's approval was refused: " + answer.refusal());
      }
      Thread.sleep(WATCH_INTERVAL.toMillis());
    }
  }

  private BenchKill kill(Phase phase, String inFlight) throws InterruptedException {
    JavaProcess worker = stack.worker();
    Instant at = Instant.now();
    worker.kill();
    return new BenchKill(phase.name(), inFlight, at, restarts.restart());
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  /** The phase the workflow last published in its search attribute. */
  private static Optional<Phase> phase(DescribeWorkflowExecutionResponse description) {
    Payload payload =
        description
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap()
            .get(SearchAttributes.FAILOVER_PHASE.getName());
    if (payload == null) {
      return Optional.empty();
    }
    String name = payload.getData().toStringUtf8().replace("\"", "").trim();
    try {
      return Optional.of(Phase.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An activity attempt that runs now, or else a child workflow, by name. */
  private static Optional<String> inFlight(DescribeWorkflowExecutionResponse description) {
    return description.getPendingActivitiesList().stream()
        .filter(
            activity -> activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
        .map(activity -> activity.getActivityType().getName())
        .findFirst()
        .or(
            () ->
                description.getPendingChildrenList().stream()
                    .map(child -> "child " + child.getWorkflowTypeName())
                    .findFirst());
  }
}
