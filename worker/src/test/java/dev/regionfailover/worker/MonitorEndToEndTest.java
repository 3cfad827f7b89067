package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static dev.regionfailover.worker.FailoverEndToEndTest.awaitWaitingFor;
import static dev.regionfailover.worker.FailoverEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.detection.MonitorStatus;
import dev.regionfailover.workflows.detection.RegionHealth;
import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflow;
import dev.regionfailover.workflows.detection.RegionVerdict;
import dev.regionfailover.workflows.detection.SignalKind;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.StepState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The health monitor with the real sampling activities against the emulator: us-east-1's alarm
 * fires and its health check fails, and after three samples the monitor starts an UNPLANNED
 * failover to us-west-2. On the example estate, used as shipped except for a one-second interval,
 * that failover runs until it waits for people to approve the promotion; on the same estate marked
 * as a rehearsal estate that opts into automatic approval, it runs to the end.
 */
@ExtendWith(AwsStackExtension.class)
class MonitorEndToEndTest {

  private AwsStack stack;
  private EmulatorClients aws;
  private Path estates;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws, @TempDir Path estates) {
    this.stack = stack;
    this.aws = aws;
    this.estates = estates;
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void anAlarmAndAFailingHealthCheckOfTheWriterStartAnUnplannedFailover() throws Exception {
    startWorker(exampleEstate());
    RegionHealthMonitorWorkflow monitor = start(worker.client());
    MonitorStatus started = impairTheWriter(monitor);
    assertThat(started.writerRegion()).isEqualTo(SOURCE);
    assertThat(started.failover().startedByMonitor()).isTrue();
    assertThat(started.failover().targetRegion()).isEqualTo(TARGET);
    // The two signals turned bad between different samples; the later one decided, at three.
    RegionHealth east = started.regions().get(0);
    assertThat(Math.min(east.streak(SignalKind.ALARMS), east.streak(SignalKind.HEALTH_CHECK)))
        .isEqualTo(3);

    RegionFailoverWorkflow failover =
        worker
            .client()
            .newWorkflowStub(RegionFailoverWorkflow.class, FailoverRequest.workflowId("orders"));
    awaitWaitingFor(failover, "approv");
    FailoverStatus waiting = failover.status();
    assertThat(waiting.mode()).isEqualTo(FailoverMode.UNPLANNED);
    assertThat(waiting.requestedBy()).isEqualTo("monitor-orders");
    assertThat(waiting.targetRegion()).isEqualTo(TARGET);
    assertThat(waiting.reason())
        .contains("orders-5xx-use1=ALARM")
        .contains("orders-api-use1: 0 of 3 checkers report success");
    assertThat(monitor.status().failover()).isEqualTo(started.failover());
  }

  @Test
  void onARehearsalEstateThatOptsInTheMonitorsFailoverApprovesItselfAndCompletes()
      throws Exception {
    String yaml =
        exampleEstate()
                .replace("consecutiveSamples: 3", "consecutiveSamples: 3\n  autoApprove: true")
            + "rehearsal: true\n";
    assertThat(yaml).contains("autoApprove: true");
    startWorker(yaml);
    RegionHealthMonitorWorkflow monitor = start(worker.client());
    impairTheWriter(monitor);

    RegionFailoverWorkflow failover =
        worker
            .client()
            .newWorkflowStub(RegionFailoverWorkflow.class, FailoverRequest.workflowId("orders"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.authority().writerRegion()).isEqualTo(TARGET);
    assertThat(result.steps())
        .filteredOn(step -> step.name().equals("approval"))
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.state()).isEqualTo(StepState.SKIPPED);
              assertThat(step.detail()).contains("health monitor monitor-orders");
            });
    assertThat(monitor.status().events())
        .anySatisfy(event -> assertThat(event.what()).contains("it approves itself"));
  }

  /** The example estate with a one-second sampling interval. */
  private static String exampleEstate() throws Exception {
    String yaml =
        Files.readString(ESTATES.resolve("orders.yaml"))
            .replace("interval: PT30S", "interval: PT1S");
    assertThat(yaml).contains("interval: PT1S");
    return yaml;
  }

  private void startWorker(String yaml) throws Exception {
    Files.writeString(estates.resolve("orders.yaml"), yaml);
    Estate estate = EstateParser.parse(yaml, "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 10);
    worker = new InProcessWorker(stack, estates, Duration.ofSeconds(10));
  }

  /**
   * Waits for two healthy samples, then fires an alarm and fails the health check of the writer
   * region, and waits until the monitor has started a failover.
   */
  private MonitorStatus impairTheWriter(RegionHealthMonitorWorkflow monitor) {
    MonitorStatus healthy = await(monitor, s -> s.samples() >= 2, "two samples");
    assertThat(healthy.regions()).allMatch(r -> r.verdict() == RegionVerdict.HEALTHY);
    assertThat(healthy.regions().get(0).lastSample().readings())
        .allMatch(r -> !r.impaired(), "every signal of the provisioned estate reads healthy");

    aws.cloudWatch(SOURCE)
        .setAlarmState(
            r -> r.alarmName("orders-5xx-use1").stateValue(StateValue.ALARM).stateReason("5xx"));
    aws.standInApi().putHealthCheckStatus("orders-api-use1", false);

    return await(monitor, s -> s.failover() != null, "a failover");
  }

  private static RegionHealthMonitorWorkflow start(WorkflowClient client) {
    RegionHealthMonitorWorkflow monitor =
        client.newWorkflowStub(
            RegionHealthMonitorWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(MonitorRequest.workflowId("orders"))
                .build());
    WorkflowClient.start(monitor::run, new MonitorRequest("orders", null));
    return monitor;
  }

  private static MonitorStatus await(
      RegionHealthMonitorWorkflow monitor, Predicate<MonitorStatus> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    MonitorStatus status = monitor.status();
    while (status.app() == null || !condition.test(status)) {
      assertThat(System.nanoTime()).as("%s not reached: %s", what, status).isLessThan(deadline);
      sleep(Duration.ofMillis(200));
      status = monitor.status();
    }
    return status;
  }
}
