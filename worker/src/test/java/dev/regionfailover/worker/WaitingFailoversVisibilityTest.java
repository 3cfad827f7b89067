package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.worker.quota.QuotaRates;
import dev.regionfailover.worker.quota.QuotaWorkers;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists waiting failovers the way an operator does, with the visibility query {@code
 * FailoverPhase="AWAIT_APPROVAL"} against the real Temporal dev server, which has the project's
 * search attributes registered. The workflow code is the real one on an in-process worker; the
 * activities are mocks, since only what the workflow upserts matters here.
 */
class WaitingFailoversVisibilityTest {

  private static final Duration VISIBILITY_DEADLINE = Duration.ofSeconds(30);

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
    activities = new HeldFailoverActivities(ESTATES.resolve("orders.yaml"), "billing");
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
  void theWaitingQueryListsExactlyTheFailoversThatWaitForApproval() {
    RegionFailoverWorkflow orders = start("orders");
    RegionFailoverWorkflow payments = start("payments");
    RegionFailoverWorkflow billing = start("billing");
    awaitPhase(orders, Phase.AWAIT_APPROVAL);
    awaitPhase(payments, Phase.AWAIT_APPROVAL);
    assertThat(billing.status().phase()).isEqualTo(Phase.ASSESS);

    awaitListed("FailoverPhase=\"AWAIT_APPROVAL\"", "failover-orders", "failover-payments");
    awaitListed("FailoverPhase=\"ASSESS\"", "failover-billing");
    awaitListed(
        "FailoverApp=\"payments\" AND FailoverMode=\"PLANNED\""
            + " AND FailoverTargetRegion=\"us-west-2\"",
        "failover-payments");

    activities.release();
    awaitPhase(billing, Phase.AWAIT_APPROVAL);
    orders.denyPromotion(new DenialSignal("bob", "not during the sale"));
    FailoverResult denied = WorkflowStub.fromTyped(orders).getResult(FailoverResult.class);
    assertThat(denied.outcome()).isEqualTo(Phase.ABORTED);

    awaitListed("FailoverPhase=\"AWAIT_APPROVAL\"", "failover-payments", "failover-billing");
    awaitListed("FailoverPhase=\"ABORTED\"", "failover-orders");
  }

  private RegionFailoverWorkflow start(String app) {
    return Failovers.start(
        client,
        new FailoverRequest(
            app, HeldFailoverActivities.TARGET, FailoverMode.PLANNED, "visibility test", "carol"));
  }

  private static void awaitPhase(RegionFailoverWorkflow failover, Phase phase) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (failover.status().phase() != phase) {
      assertThat(System.nanoTime())
          .as("phase %s not reached; status %s", phase, failover.status())
          .isLessThan(deadline);
      pause();
    }
  }

  /**
   * Waits until {@code query} lists exactly the workflows {@code ids}: visibility follows the
   * history a moment later, so the first answers may still show the previous state.
   */
  private void awaitListed(String query, String... ids) {
    Set<String> expected = Set.of(ids);
    long deadline = System.nanoTime() + VISIBILITY_DEADLINE.toNanos();
    Set<String> listed = listed(query);
    while (!listed.equals(expected)) {
      assertThat(System.nanoTime())
          .as("%s lists %s, not exactly %s", query, listed, expected)
          .isLessThan(deadline);
      pause();
      listed = listed(query);
    }
  }

  private Set<String> listed(String query) {
    return client
        .listExecutions(query)
        .map(WorkflowExecutionMetadata::getExecution)
        .map(execution -> execution.getWorkflowId())
        .collect(Collectors.toSet());
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
