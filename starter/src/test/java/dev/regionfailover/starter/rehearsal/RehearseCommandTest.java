package dev.regionfailover.starter.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./failover rehearse} through picocli against an in-process Temporal service. */
class RehearseCommandTest {

  private final List<RehearsalRequest> requests = new ArrayList<>();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationFactory(
        SwitchoverRehearsalWorkflow.class, () -> new FakeRehearsalWorkflow(requests));
    env.start();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void startsTheRehearsalAndSaysWhereToFollowIt() {
    Run run =
        run(
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT1H",
            "--check-every",
            "PT5M",
            "--requested-by",
            "carol",
            "--reason",
            "Q1 drill");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "Started a switchover rehearsal of orders to us-west-2 (hold PT1H).\n"
                + "  workflow  rehearsal-orders\n")
        .contains("./failover status orders")
        .contains("temporal workflow query --workflow-id rehearsal-orders --type status");
    awaitRequest();
    assertThat(requests)
        .containsExactly(
            new RehearsalRequest(
                "orders", "us-west-2", "PT1H", "PT5M", null, false, "Q1 drill", "carol"));

    Run second =
        run(
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT1H",
            "--rotate",
            "--requested-by",
            "dave");
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("a rehearsal of orders is already running");
  }

  @Test
  void waitPrintsTheFigures() {
    Run run =
        run(
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT10M",
            "--requested-by",
            "carol",
            "--wait");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Rehearsal of orders COMPLETED in 10m 40s (us-east-1 -> us-west-2 and back)")
        .containsPattern("start to traffic shifted +2\\.5 s")
        .containsPattern("writes unavailable +4\\.2 s \\(us-east-1 -> us-west-2, fenced")
        .containsPattern("writes unavailable, back +3\\.9 s")
        .containsPattern("RPO +0 s")
        .containsPattern("hold +PT10M, 10 health check\\(s\\) passed")
        .containsPattern("writer now +us-east-1")
        .contains("Switch-over us-east-1 -> us-west-2 (workflow failover-orders")
        .contains("WARN record-ttl");
  }

  @Test
  void aFailedRehearsalExitsOneWithItsReason() {
    Run run =
        run(
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT10M",
            "--reason",
            "fail",
            "--requested-by",
            "carol",
            "--wait");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: rehearsal rehearsal-orders failed: health check 2: us-east-1 is not ready to"
                + " take over orders\n");
  }

  @Test
  void badArgumentsAreUsageErrorsBeforeAnyTemporalCall() {
    Run run =
        Run.of(
            Run.NO_TEMPORAL,
            "rehearse",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT0S",
            "--requested-by",
            "carol");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("error: --hold is PT0S but must be positive");
  }

  /** The workflow records its input in its first task, a moment after the start returns. */
  private void awaitRequest() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      synchronized (requests) {
        if (!requests.isEmpty()) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("the rehearsal never ran").isLessThan(deadline);
      env.sleep(Duration.ofMillis(50));
    }
  }

  private Run run(String... args) {
    return Run.of(
        (address, namespace) -> new TemporalConnection(env.getWorkflowClient(), () -> {}), args);
  }
}
