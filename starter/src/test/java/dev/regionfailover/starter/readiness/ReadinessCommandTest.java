package dev.regionfailover.starter.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code readiness} through picocli against a Temporal test service with a fake workflow. */
class ReadinessCommandTest {

  private TestWorkflowEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    temporal = TestWorkflowEnvironment.newInstance();
    temporal
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(FakeReadinessCheckWorkflow.class);
    temporal.start();
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void aReadyReportPrintsEveryFindingAndExitsZero() {
    Run run = run("readiness", "orders");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "Readiness of orders to fail over from us-east-1 to us-west-2: READY\n"
                + "  2 checks: 1 passed, 1 warned, 0 failed\n"
                + "  workflow readiness-orders-")
        .contains(", checked 2026-01-01 00:00:00Z\n\n")
        .endsWith(
            "  RESULT  CHECK             RESOURCE                       OBSERVED\n"
                + "  pass    writer-region     orders                         ledger: us-east-1 at"
                + " epoch 2\n"
                + "  warn    guard-record-ttl  CNAME api.orders.example.com.  TTL 120 s (expected"
                + " TTL at most 60 s)\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aFailingCheckExitsOneAndShowsTheObservedValue() {
    Run run = run("readiness", "billing", "--target", "us-west-2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("Readiness of billing to fail over from us-east-1 to us-west-2: NOT READY\n")
        .contains(
            "fail    capacity-ecs-service  ECS service billing-usw2/worker in us-west-2  1 desired"
                + " task(s) vs the source's 4 (expected 0 (a stopped standby) or at least the"
                + " source's 4 tasks)\n");
  }

  @Test
  void jsonCarriesTheVerdictAndTheTarget() throws Exception {
    Run run = run("readiness", "orders", "--target", "eu-west-1", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ready").asBoolean()).isTrue();
    assertThat(json.get("targetRegion").asText()).isEqualTo("eu-west-1");
    assertThat(json.get("findings").get(1).get("verdict").asText()).isEqualTo("WARN");
    assertThat(json.get("findings").get(1).get("observed").asText()).isEqualTo("TTL 120 s");
  }

  @Test
  void anUnknownAppExitsOneWithTheWorkflowsReason() {
    Run run = run("readiness", "ledger");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: the readiness check of ledger (workflow readiness-ledger-")
        .endsWith(") failed: cannot check ledger: no estate for app ledger\n");
  }

  @Test
  void usageErrorsExitTwoWithoutReachingTemporal() {
    Run badRegion = Run.of(Run.NO_TEMPORAL, "readiness", "orders", "--target", "mars-north-1");
    Run noApp = Run.of(Run.NO_TEMPORAL, "readiness");

    assertThat(badRegion.exitCode()).isEqualTo(2);
    assertThat(badRegion.err()).contains("--target: mars-north-1 is not an AWS region");
    assertThat(noApp.exitCode()).isEqualTo(2);
  }

  private Run run(String... args) {
    return Run.of(
        (address, namespace) -> new TemporalConnection(temporal.getWorkflowClient(), () -> {}),
        args);
  }
}
