package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.worker.quota.QuotaRates;
import dev.regionfailover.worker.quota.QuotaWorkers;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import dev.regionfailover.workflows.failover.SignalRecord;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failover's operator updates against the real Temporal dev server, as the CLI sends them: a
 * rejected one comes back at once with the validator's reason and leaves nothing in the history, an
 * accepted one returns the verdict. The workflow code is the real one on an in-process worker; the
 * activities are mocks.
 */
class FailoverUpdatesDevServerTest {

  /** Far more than a workflow task takes, far less than any timeout of the failover. */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  private TemporalDevServer temporal;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private WorkerFactory factory;
  private HeldFailoverActivities activities;

  @BeforeEach
  void setUp() throws Exception {
    temporal = TemporalForTesting.devServer();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client = WorkflowClient.newInstance(service);
    activities = new HeldFailoverActivities(ESTATES.resolve("orders.yaml"), "none");
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RegionFailoverWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.all());
    QuotaWorkers.register(
        factory::newWorker,
        QuotaRates.defaults(),
        Set.of(AwsAccount.WORKER_ACCOUNT),
        activities.all());
    factory.start();
  }

  @AfterEach
  void tearDown() {
    activities.release();
    factory.shutdownNow();
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void rejectedUpdatesAnswerAtOnceWithTheReasonAndAnAcceptedOneWithTheVerdict() {
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest(
                "orders", HeldFailoverActivities.TARGET, FailoverMode.PLANNED, "drill", "alice"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    long sent = System.nanoTime();
    assertThat(rejection(() -> failover.approvePromotionUpdate(new ApprovalSignal("mallory", ""))))
        .isEqualTo("mallory is not an approver of this app [alice, bob]");
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(AT_ONCE);
    assertThat(rejection(() -> failover.approvePromotionUpdate(new ApprovalSignal("alice", ""))))
        .isEqualTo("alice requested this failover and cannot approve it");
    assertThat(rejection(() -> failover.confirmFencedUpdate(new ConfirmFencedSignal("dave", "x"))))
        .startsWith("the workflow is not waiting for a fence confirmation");
    assertThat(updateEvents(failover)).as("rejected updates leave no history").isEmpty();

    OperatorVerdict verdict =
        failover.denyPromotionUpdate(new DenialSignal("bob", "not during the sale"));

    assertThat(verdict)
        .isEqualTo(
            new OperatorVerdict(
                "denyPromotion",
                "bob",
                verdict.at(),
                Phase.AWAIT_APPROVAL,
                "denial recorded; the failover undoes every change and ends ABORTED"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(updateEvents(failover))
        .containsExactly(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    assertThat(failover.status().signals())
        .containsExactly(
            new SignalRecord(
                "denyPromotion", "bob", "not during the sale", verdict.at(), true, null));
    assertThatThrownBy(() -> failover.abortUpdate(new AbortSignal("dave", "too late")))
        .as("the CLI reports a finished failover from this")
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void theTemporalCliSendsTheUpdatesAsTheReadmeShows() throws Exception {
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest(
                "orders", HeldFailoverActivities.TARGET, FailoverMode.PLANNED, "drill", "carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    CliRun rejected =
        temporalCli(
            "--name",
            "approvePromotionUpdate",
            "--input",
            "{\"approver\":\"carol\",\"comment\":\"my own\"}");
    CliRun accepted =
        temporalCli(
            "--name",
            "denyPromotionUpdate",
            "--input",
            "{\"approver\":\"bob\",\"reason\":\"not during the sale\"}");

    assertThat(rejected.exitCode()).as(rejected.output()).isEqualTo(1);
    assertThat(rejected.output()).contains("carol is not an approver of this app [alice, bob]");
    assertThat(accepted.exitCode()).as(accepted.output()).isZero();
    assertThat(accepted.output())
        .contains("effect:denial recorded; the failover undoes every change and ends ABORTED")
        .contains("phase:AWAIT_APPROVAL");
    assertThat(WorkflowStub.fromTyped(failover).getResult(FailoverResult.class).outcome())
        .isEqualTo(Phase.ABORTED);
    assertThat(failover.status().signals())
        .extracting(SignalRecord::kind, SignalRecord::by, SignalRecord::accepted)
        .containsExactly(tuple("denyPromotion", "bob", true));
  }

  /** Runs {@code temporal workflow update execute} on failover-orders with these options. */
  private CliRun temporalCli(String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                TemporalForTesting.cli().toString(),
                "workflow",
                "update",
                "execute",
                "--address",
                temporal.target(),
                "--workflow-id",
                "failover-orders"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("temporal finished").isTrue();
    return new CliRun(process.exitValue(), output);
  }

  private record CliRun(int exitCode, String output) {}

  private List<EventType> updateEvents(RegionFailoverWorkflow failover) {
    return client
        .fetchHistory(WorkflowStub.fromTyped(failover).getExecution().getWorkflowId())
        .getEvents()
        .stream()
        .map(HistoryEvent::getEventType)
        .filter(type -> type.name().contains("UPDATE"))
        .toList();
  }

  /** The reason an update was rejected with, as its sender reads it. */
  private static String rejection(Runnable update) {
    WorkflowUpdateException rejected =
        catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(rejected).as("the update was rejected").isNotNull();
    assertThat(rejected.getCause()).isInstanceOf(ApplicationFailure.class);
    return ((ApplicationFailure) rejected.getCause()).getOriginalMessage();
  }

  private static void awaitPhase(RegionFailoverWorkflow failover, Phase phase) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (failover.status().phase() != phase) {
      assertThat(System.nanoTime())
          .as("phase %s not reached; status %s", phase, failover.status())
          .isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting", e);
      }
    }
  }
}
