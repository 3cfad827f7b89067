package dev.regionfailover.starter.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile commands through picocli against a Temporal test service. */
class ReconcileCommandsTest {

  private TestWorkflowEnvironment environment;

  @BeforeEach
  void startTemporal() {
    environment = TestWorkflowEnvironment.newInstance();
    environment
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(FakeReconcileWorkflow.class);
    environment.start();
  }

  @AfterEach
  void stopTemporal() {
    environment.close();
  }

  @Test
  void startSendsTheRequestAndReportShowsTheWait() {
    Run started = run("reconcile", "start", "orders", "--old-region", "us-east-1", "--by", "alice");

    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out())
        .startsWith(
            "Started reconciling orders: old region us-east-1, writer region from the authority"
                + " ledger.\n  workflow  reconcile-orders\n")
        .contains("./failover reconcile recovered orders --by NAME");
    ReconcileStatus status =
        environment
            .getWorkflowClient()
            .newWorkflowStub(ReconcileRegionWorkflow.class, "reconcile-orders")
            .status();
    assertThat(status.oldRegion()).isEqualTo("us-east-1");
    assertThat(status.writerRegion()).isNull();

    Run report = run("reconcile", "report", "orders");

    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out())
        .startsWith("**Reconcile orders** us-east-1 -> ?: **AWAIT_RECOVERY**")
        .contains("Waiting for: us-east-1 to answer again (since 2026-01-01T00:00:00Z")
        .contains("- PENDING aurora old primary");
  }

  @Test
  void recoveredEndsTheWaitAndReportPrintsTheMarkdownReport() {
    run(
        "reconcile",
        "start",
        "orders",
        "--old-region",
        "us-east-1",
        "--writer-region",
        "us-west-2");

    Run recovered =
        run("reconcile", "recovered", "orders", "--by", "bob", "--note", "AWS Health says so");
    WorkflowStub.fromTyped(
            environment
                .getWorkflowClient()
                .newWorkflowStub(ReconcileRegionWorkflow.class, "reconcile-orders"))
        .getResult(ReconcileReport.class);
    Run report = run("reconcile", "report", "orders");
    Run json = run("reconcile", "report", "orders", "--json");

    assertThat(recovered.exitCode()).as(recovered.err()).isZero();
    assertThat(recovered.out())
        .isEqualTo(
            "Sent regionRecovered to reconcile-orders: see ./failover reconcile report orders\n");
    assertThat(report.out())
        .startsWith("# Reconcile report: orders (us-east-1 -> us-west-2)\n")
        .contains("| Recovery noticed by | signal from bob: AWS Health says so |")
        .contains("- **FAIL** aurora-old-primary-rejoined (orders-use1): observed not a member");
    assertThat(json.out()).contains("\"outcome\" : \"NEEDS_ATTENTION\"");
  }

  @Test
  void aSecondStartWhileOneRunsIsRefused() {
    run("reconcile", "start", "orders", "--old-region", "us-east-1");

    Run second = run("reconcile", "start", "orders", "--old-region", "us-east-1");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .startsWith(
            "error: a reconciliation of orders is already running (workflow reconcile-orders, run");
  }

  @Test
  void recoveredWithoutAReconciliationSaysHowToStartOne() {
    Run run = run("reconcile", "recovered", "orders", "--by", "bob");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: cannot send regionRecovered: no reconciliation of orders is running (workflow"
                + " reconcile-orders): start one with ./failover reconcile start orders"
                + " --old-region REGION\n");
  }

  @Test
  void anUnknownOldRegionIsAUsageError() {
    Run run = run("reconcile", "start", "orders", "--old-region", "us-nowhere-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--old-region: us-nowhere-1 is not an AWS region");
  }

  private Run run(String... args) {
    return Run.of(
        (address, namespace) -> new TemporalConnection(environment.getWorkflowClient(), () -> {}),
        args);
  }
}
