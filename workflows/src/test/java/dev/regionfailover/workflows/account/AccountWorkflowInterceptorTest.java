package dev.regionfailover.workflows.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.account.HeaderRecorder.Call;
import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account header crosses a continue-as-new, and reaches local activities too. */
class AccountWorkflowInterceptorTest {

  private static final AwsAccount PAYMENTS =
      new AwsAccount("arn:aws:iam::222222222222:role/region-failover", null);

  private final HeaderRecorder recorder = new HeaderRecorder();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkerFactoryOptions(
              WorkerFactoryOptions.newBuilder()
                  .setWorkerInterceptors(new AccountWorkflowInterceptor(), recorder)
                  .build())
          .registerWorkflowImplementationTypes(ContinuingImpl.class)
          .setActivityImplementations(new TouchImpl())
          .build();

  @Test
  void aContinuedRunAndItsLocalActivitiesKeepTheAccount(WorkflowClient client, Worker worker) {
    Continuing workflow =
        client.newWorkflowStub(
            Continuing.class,
            WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build());

    workflow.run(new Run(true));

    assertThat(recorder.calls())
        .containsExactly(
            new Call("Continuing", "Touch", AwsAccount.WORKER),
            new Call("Continuing", "Touch", PAYMENTS),
            new Call("Continuing", "Touch", PAYMENTS));
  }

  /** Whether this run is the first, which picks the account and continues as new. */
  public record Run(boolean first) {}

  /** What the activity is given. */
  public record Nothing() {}

  @WorkflowInterface
  public interface Continuing {
    @WorkflowMethod(name = "Continuing")
    void run(Run run);
  }

  @ActivityInterface
  public interface Touch {
    void touch(Nothing nothing);
  }

  public static final class TouchImpl implements Touch {
    @Override
    public void touch(Nothing nothing) {}
  }

  public static final class ContinuingImpl implements Continuing {
    @Override
    public void run(Run run) {
      Touch remote =
          Workflow.newActivityStub(
              Touch.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());
      if (run.first()) {
        remote.touch(new Nothing());
        AppAccount.use(PAYMENTS);
        Workflow.continueAsNew(new Run(false));
      }
      remote.touch(new Nothing());
      Workflow.newLocalActivityStub(
              Touch.class,
              LocalActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(5))
                  .build())
          .touch(new Nothing());
    }
  }
}
