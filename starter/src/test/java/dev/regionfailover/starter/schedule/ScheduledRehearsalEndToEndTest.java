package dev.regionfailover.starter.schedule;

import static dev.regionfailover.starter.EndToEndStack.APP;
import static dev.regionfailover.starter.EndToEndStack.SOURCE;
import static dev.regionfailover.starter.EndToEndStack.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.temporal.DevServerSettings;
import dev.regionfailover.starter.EndToEndStack;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.rehearsal.RehearsalClient;
import dev.regionfailover.workflows.rehearsal.RehearsalPhase;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rehearsal schedule made and triggered with {@code ./failover schedule}, on the real dev server
 * with the real worker and the emulated estate: the rehearsal it starts runs to completion, the
 * writer is back in the source, and the result is read back through the CLI's rehearsal client.
 */
@ExtendWith(AwsStackExtension.class)
class ScheduledRehearsalEndToEndTest {

  private static final Path LOGS = Path.of("target", "schedule-test");

  private EndToEndStack stack;

  @BeforeEach
  void setUp(AwsStack aws, EmulatorClients clients) {
    stack =
        EndToEndStack.start(
            aws,
            clients,
            DevServerSettings.headless(FreePorts.loopback()),
            LOGS.resolve("scheduled-rehearsal-worker.log"));
  }

  @AfterEach
  void tearDown() {
    stack.close();
  }

  @Test
  void aTriggeredRehearsalRunsToCompletionAndItsResultIsReadBack() throws Exception {
    // Paused and weekly, so that only the trigger starts a rehearsal during the test.
    Run created =
        stack.cli(
            "schedule",
            "create",
            APP,
            "--target",
            TARGET,
            "--hold",
            "PT4S",
            "--check-every",
            "PT2S",
            "--every",
            "P7D",
            "--paused",
            "--note",
            "end-to-end test",
            "--requested-by",
            "carol");
    assertThat(created.exitCode()).as(created.err()).isZero();

    Run triggered = stack.cli("schedule", "trigger", APP);
    assertThat(triggered.exitCode()).as(triggered.err()).isZero();
    WorkflowExecution execution = awaitFirstAction();
    assertThat(execution.getWorkflowId()).startsWith("rehearsal-orders-");

    WorkflowClient client = stack.client();
    RehearsalResult result =
        CompletableFuture.supplyAsync(() -> new RehearsalClient(client).result(execution))
            .get(3, TimeUnit.MINUTES);

    assertThat(result.outcome()).as(result.summary()).isEqualTo(RehearsalPhase.COMPLETED);
    assertThat(result.app()).isEqualTo(APP);
    assertThat(result.sourceRegion()).isEqualTo(SOURCE);
    assertThat(result.targetRegion()).isEqualTo(TARGET);
    assertThat(result.writerRegion()).as("switched back").isEqualTo(SOURCE);
    assertThat(result.requestedBy()).isEqualTo("carol");
    assertThat(result.healthChecks()).isPositive();
    assertThat(result.rpoSeconds()).isZero();
    WorkflowExecutionDescription description =
        client.newUntypedWorkflowStub(execution, Optional.empty()).describe();
    assertThat(description.getStaticSummary())
        .isEqualTo(
            "Scheduled rehearsal of orders: switchover to us-west-2, hold PT4S, then back,"
                + " requested by carol");

    Run described = stack.cli("schedule", "describe", APP);
    assertThat(described.exitCode()).as(described.err()).isZero();
    assertThat(described.out())
        .contains("PAUSED (end-to-end test)")
        .contains("1 taken")
        .containsPattern("running +none")
        .contains(execution.getWorkflowId());
  }

  /** The rehearsal the trigger started; the schedule shows it after a moment. */
  private WorkflowExecution awaitFirstAction() {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            stack.client().getWorkflowServiceStubs(), ScheduleClientOptions.newBuilder().build());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      ScheduleInfo info = schedules.getHandle("rehearsal-orders").describe().getInfo();
      List<ScheduleActionResult> recent = info.getRecentActions();
      if (!recent.isEmpty()) {
        ScheduleActionExecutionStartWorkflow started =
            (ScheduleActionExecutionStartWorkflow) recent.get(0).getAction();
        return WorkflowExecution.newBuilder()
            .setWorkflowId(started.getWorkflowId())
            .setRunId(started.getFirstExecutionRunId())
            .build();
      }
      assertThat(System.nanoTime())
          .as("the trigger started nothing: %s", info)
          .isLessThan(deadline);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
