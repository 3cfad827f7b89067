package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ReadinessCheck with the real activities against the example estate in the emulator. */
@ExtendWith(AwsStackExtension.class)
class ReadinessEndToEndTest {

  private static final Path ESTATES = FailoverEndToEndTest.ESTATES;

  private InProcessWorker worker;
  private EmulatorClients aws;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.aws = aws;
    Estate estate =
        EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 0);
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void theProvisionedEstateIsReadyToFailOverToItsStandby() {
    ReadinessReport report = check();

    assertThat(report.findings())
        .allSatisfy(f -> assertThat(f.verdict()).as(f.describe()).isEqualTo(Verdict.PASS));
    assertThat(report.ready()).isTrue();
    assertThat(report.sourceRegion()).isEqualTo("us-east-1");
    assertThat(report.targetRegion()).isEqualTo("us-west-2");
    assertThat(report.findings())
        .extracting(Finding::check)
        .contains(
            "writer-region",
            "aurora-replication-lag",
            "guard-schema-version",
            "capacity-ecs-service",
            "exists-dynamodb-table",
            "credentials",
            "traffic-arc-routing-control");
  }

  @Test
  void aBrokenConditionMakesTheReportNotReady() {
    aws.ssm("us-west-2")
        .putParameter(r -> r.name("/orders/schema-version").value("41").overwrite(true));

    ReadinessReport report = check();

    assertThat(report.ready()).isFalse();
    assertThat(report.findings())
        .filteredOn(f -> f.verdict() == Verdict.FAIL)
        .extracting(Finding::check, Finding::observed)
        .containsExactly(tuple("guard-schema-version", "42 in us-east-1, 41 in us-west-2"));
  }

  private ReadinessReport check() {
    ReadinessCheckWorkflow readiness =
        worker
            .client()
            .newWorkflowStub(
                ReadinessCheckWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("readiness-orders-" + System.nanoTime())
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .build());
    return readiness.run(new ReadinessRequest("orders", null));
  }
}
