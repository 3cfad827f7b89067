package dev.regionfailover.starter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor commands end to end through picocli against a Temporal test service. */
class MonitorCommandsTest {

  private TestWorkflowEnvironment environment;

  @BeforeEach
  void startTemporal() {
    environment = TestWorkflowEnvironment.newInstance();
    environment
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(FakeMonitorWorkflow.class);
    environment.start();
  }

  @AfterEach
  void stopTemporal() {
    environment.close();
  }

  @Test
  void startRunsTheMonitorUnderItsIdAndASecondStartIsRefused() {
    Run first = run("monitor", "start", "orders");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith("Started the health monitor of orders.\n  workflow  monitor-orders\n")
        .contains("./failover monitor status orders");
    WorkflowStub stub =
        environment.getWorkflowClient().newUntypedWorkflowStub(MonitorRequest.workflowId("orders"));
    assertThat(stub.describe().getWorkflowType()).isEqualTo(RegionHealthMonitorWorkflow.TYPE);

    Run second = run("monitor", "start", "orders");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .contains(
            "the monitor of orders is already running (workflow monitor-orders): see ./failover"
                + " monitor status orders");
  }

  @Test
  void statusShowsVerdictsLastSamplesAndTheFailover() throws Exception {
    run("monitor", "start", "orders");

    Run text = run("monitor", "status", "orders");
    Run json = run("monitor", "status", "orders", "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith("Health monitor of orders\n  state         watching\n")
        .contains("  writer        us-east-1\n")
        .contains(
            "  us-east-1  IMPAIRED  2026-01-01T00:01:30Z  ALARMS impaired 3x: orders-5xx-use1=ALARM;"
                + " HEALTH_CHECK impaired 3x: orders-api-use1: 0 of 3 checkers report success")
        .contains(
            "  us-east-1  HEALTH_CHECK  IMPAIRED  orders-api-use1: 0 of 3 checkers report success")
        .contains("  us-west-2  ALARMS        ok        orders-5xx-usw2=OK")
        .contains("  regions   us-east-1 -> us-west-2\n");
    JsonNode status = new ObjectMapper().readTree(json.out());
    assertThat(status.get("app").asText()).isEqualTo("orders");
    assertThat(status.get("regions").get(0).get("impairedStreaks").get("ALARMS").asInt())
        .isEqualTo(3);
    assertThat(status.get("failover").get("workflowId").asText()).isEqualTo("failover-orders");
  }

  @Test
  void pauseAndResumeAreConfirmedByTheMonitor() {
    run("monitor", "start", "orders");

    Run pause = run("monitor", "pause", "orders", "--by", "carol", "--reason", "game day");

    assertThat(pause.exitCode()).as(pause.err()).isZero();
    assertThat(pause.out()).startsWith("The monitor of orders is paused by carol");
    assertThat(run("monitor", "status", "orders").out())
        .contains("  state         PAUSED by carol (game day)\n");

    Run resume = run("monitor", "resume", "orders", "--by", "carol");

    assertThat(resume.exitCode()).as(resume.err()).isZero();
    assertThat(resume.out()).startsWith("The monitor of orders is running");
    assertThat(run("monitor", "status", "orders").out()).contains("  state         watching\n");
  }

  @Test
  void stopTerminatesTheMonitor() {
    run("monitor", "start", "orders");

    Run stop = run("monitor", "stop", "orders", "--by", "dave", "--reason", "decommissioned");

    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(stop.out())
        .startsWith("Stopped the health monitor of orders (workflow monitor-orders).");
    assertThat(
            environment
                .getWorkflowClient()
                .newUntypedWorkflowStub(MonitorRequest.workflowId("orders"))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  @Test
  void commandsOnAnAppWithoutAMonitorSayHowToStartOne() {
    Run pause = run("monitor", "pause", "billing", "--by", "carol", "--reason", "x");
    Run stop = run("monitor", "stop", "billing", "--by", "carol");

    assertThat(pause.exitCode()).isEqualTo(1);
    assertThat(pause.err())
        .contains(
            "cannot send pause: no monitor of billing is running (workflow monitor-billing); start"
                + " one with ./failover monitor start billing");
    assertThat(stop.exitCode()).isEqualTo(1);
    assertThat(stop.err()).contains("cannot stop: no monitor of billing is running");
  }

  @Test
  void monitorWithoutACommandOrWithoutByIsAUsageError() {
    assertThat(run("monitor").exitCode()).isEqualTo(2);
    Run noBy = run("monitor", "pause", "orders", "--reason", "x");
    assertThat(noBy.exitCode()).isEqualTo(2);
    assertThat(noBy.err()).contains("--by");
  }

  private Run run(String... args) {
    return Run.of(
        (address, namespace) -> new TemporalConnection(environment.getWorkflowClient(), () -> {}),
        args);
  }
}
