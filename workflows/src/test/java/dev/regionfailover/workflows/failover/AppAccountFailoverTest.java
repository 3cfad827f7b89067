package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.account.AccountWorkflowInterceptor;
import dev.regionfailover.workflows.account.HeaderRecorder;
import dev.regionfailover.workflows.account.HeaderRecorder.Call;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;

/**
 * A failover of an app in an AWS account of its own: once the workflow has read the estate, every
 * activity it and its children schedule carries the app's account, which the worker's activities
 * make their AWS calls in.
 */
class AppAccountFailoverTest {

  static final AwsAccount ORDERS =
      new AwsAccount("arn:aws:iam::111111111111:role/region-failover", "orders-external-id");

  private static final HeaderRecorder recorder = new HeaderRecorder();

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .setWorkerFactoryOptions(
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(new AccountWorkflowInterceptor(), recorder)
                  .build())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private FailoverHarness harness;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    QuotaTestWorkers.register(env, ORDERS, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void everyCallAfterTheEstateIsMadeInTheAppsAccountAlsoByChildren() {
    when(mocks.estates.load(ArgumentMatchers.any()))
        .thenReturn(FakeEstate.inAccount(ORDERS.roleArn(), ORDERS.externalId()));
    int before = recorder.calls().size();

    FailoverResult result = FailoverHarness.result(harness.start("failover-orders", drill()));

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    List<Call> calls = recorder.calls().subList(before, recorder.calls().size());
    assertThat(calls.get(0))
        .as("the estate is read before the account is known")
        .isEqualTo(new Call("RegionFailover", "EstateLoad", AwsAccount.WORKER));
    assertThat(calls.subList(1, calls.size()))
        .isNotEmpty()
        .allMatch(c -> c.account().equals(ORDERS));
    assertThat(calls)
        .as("the re-pin child inherits the account of its parent")
        .anyMatch(c -> c.workflowType().equals("RepinEntities"));
  }

  @Test
  void anAppInTheWorkersAccountSendsNoAccount() {
    int before = recorder.calls().size();

    FailoverResult result = FailoverHarness.result(harness.start("failover-orders", drill()));

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(recorder.calls().subList(before, recorder.calls().size()))
        .isNotEmpty()
        .allMatch(c -> c.account().equals(AwsAccount.WORKER));
  }

  private static FailoverRequest drill() {
    return new FailoverRequest("orders", TARGET, FailoverMode.DRILL, "rehearsal", "carol");
  }
}
