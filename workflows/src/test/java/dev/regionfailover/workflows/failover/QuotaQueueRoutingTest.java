package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mutating calls of quota-bound APIs are scheduled on the quota queue of their API and the
 * app's account, and everything else on the workflow's own queue; read from the history, where the
 * server records each activity's task queue.
 */
class QuotaQueueRoutingTest {

  private static final String OTHER_ACCOUNT = "210987654321";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private FailoverHarness harness;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    for (String api : List.of("route53", "rds", "globalaccelerator")) {
      env.newWorker("region-failover-quota-" + api + "-" + OTHER_ACCOUNT)
          .registerActivitiesImplementations(mocks.all());
    }
    env.start();
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    harness = new FailoverHarness(env, client, taskQueue);
  }

  @Test
  void changesGoToTheQuotaQueuesOfTheWorkersOwnAccountAndReadsStay() {
    Map<String, List<String>> queues = queuesOfCompletedFailover("failover-orders");

    assertThat(queues.get("DnsPointRecord"))
        .as("the api record and the writer record, each a Route 53 change")
        .containsOnly("region-failover-quota-route53-worker")
        .hasSize(2);
    assertThat(queues.get("AuroraPromote")).containsExactly("region-failover-quota-rds-worker");
    assertThat(queues.get("TrafficApply"))
        .as("ARC routing controls, which have no account quota, then the accelerator's dials")
        .containsExactly(taskQueue, "region-failover-quota-globalaccelerator-worker");
    assertThat(queues.get("TrafficRead")).containsOnly(taskQueue);
    assertThat(queues.get("AuroraDescribe")).containsOnly(taskQueue);
    assertThat(queues.get("AuthorityTransition")).containsOnly(taskQueue);
  }

  @Test
  void anAppInItsOwnAccountUsesThatAccountsQuotaQueues() {
    when(mocks.estates.load(any()))
        .thenReturn(FakeEstate.inAccount("arn:aws:iam::" + OTHER_ACCOUNT + ":role/failover"));

    Map<String, List<String>> queues = queuesOfCompletedFailover("failover-orders");

    assertThat(queues.get("DnsPointRecord"))
        .containsOnly("region-failover-quota-route53-" + OTHER_ACCOUNT);
    assertThat(queues.get("AuroraPromote"))
        .containsExactly("region-failover-quota-rds-" + OTHER_ACCOUNT);
    assertThat(queues.get("TrafficApply"))
        .containsExactly(taskQueue, "region-failover-quota-globalaccelerator-" + OTHER_ACCOUNT);
  }

  /** Runs a planned failover to the end, and returns the task queue of each activity it ran. */
  private Map<String, List<String>> queuesOfCompletedFailover(String workflowId) {
    RegionFailoverWorkflow failover =
        harness.start(
            workflowId,
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "rotation", "carol"));
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "go"));
    assertThat(FailoverHarness.result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .collect(
            Collectors.groupingBy(
                a -> a.getActivityType().getName(),
                Collectors.mapping(a -> a.getTaskQueue().getName(), Collectors.toList())));
  }
}
