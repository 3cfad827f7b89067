package dev.regionfailover.workflows.detection;

import static dev.regionfailover.workflows.detection.SignalKind.ALARMS;
import static dev.regionfailover.workflows.detection.SignalKind.AURORA_LAG;
import static dev.regionfailover.workflows.detection.SignalKind.HEALTH_CHECK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.input.RawJson;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor against scripted samples and a counting RegionFailover, in the time-skipping test
 * environment: one round per 30 seconds of workflow time, three consecutive samples required.
 */
class RegionHealthMonitorWorkflowTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Path EXAMPLE = Path.of("..", "deploy", "estates", "orders.yaml");

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final FakeSampler sampler = new FakeSampler();
  private final FixedLedger ledger = new FixedLedger(EAST);

  @BeforeEach
  void setUp() throws Exception {
    CountingFailoverWorkflow.STARTS.clear();
    Estate estate = monitored(Files.readString(EXAMPLE));
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerIn(env);
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        RegionHealthMonitorWorkflowImpl.class, CountingFailoverWorkflow.class);
    EstateActivities estates = request -> estate;
    worker.registerActivitiesImplementations(
        estates,
        sampler,
        ledger,
        mock(AuroraActivities.class, withSettings().withoutAnnotations()));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aSingleFlappingSignalNeverStartsAFailover() {
    sampler.flap(EAST, ALARMS);
    RegionHealthMonitorWorkflow monitor = startMonitor();

    awaitSamples(monitor, 20);

    MonitorStatus status = monitor.status();
    assertThat(region(status, EAST).verdict()).isEqualTo(RegionVerdict.HEALTHY);
    assertThat(status.failover()).isNull();
    assertThat(CountingFailoverWorkflow.STARTS).isEmpty();
  }

  @Test
  void twoCorroboratingSignalsStartExactlyOneFailover() {
    sampler.impair(EAST, ALARMS, HEALTH_CHECK);
    RegionHealthMonitorWorkflow monitor = startMonitor();

    MonitorStatus started = await(monitor, s -> s.failover() != null, "a failover");
    awaitSamples(monitor, started.samples() + 10);

    assertThat(started.samples()).isEqualTo(3);
    assertThat(started.writerRegion()).isEqualTo(EAST);
    RegionHealth east = region(started, EAST);
    assertThat(east.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(east.impairedStreaks()).containsEntry(ALARMS, 3).containsEntry(HEALTH_CHECK, 3);
    assertThat(started.failover().startedByMonitor()).isTrue();
    assertThat(started.failover().fromRegion()).isEqualTo(EAST);
    assertThat(started.failover().targetRegion()).isEqualTo(WEST);
    assertThat(CountingFailoverWorkflow.STARTS).hasSize(1);
    FailoverRequest request = CountingFailoverWorkflow.STARTS.get(0);
    assertThat(request.app()).isEqualTo("orders");
    assertThat(request.targetRegion()).isEqualTo(WEST);
    assertThat(request.mode()).isEqualTo(FailoverMode.UNPLANNED.name());
    assertThat(request.requestedBy()).isEqualTo("monitor-orders");
    assertThat(request.reason())
        .startsWith("RegionHealthMonitor monitor-orders: us-east-1 (writer) impaired since ")
        .contains("ALARMS impaired 3x: ALARMS bad")
        .contains("HEALTH_CHECK impaired 3x: HEALTH_CHECK bad");
    assertThat(monitor.status().events())
        .extracting(MonitorEvent::what)
        .anyMatch(e -> e.startsWith("started UNPLANNED failover failover-orders"));
  }

  @Test
  void anImpairedSecondaryStartsNoFailover() {
    sampler.impair(WEST, ALARMS, AURORA_LAG);
    RegionHealthMonitorWorkflow monitor = startMonitor();

    awaitSamples(monitor, 10);

    MonitorStatus status = monitor.status();
    assertThat(region(status, WEST).verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(status.failover()).isNull();
    assertThat(CountingFailoverWorkflow.STARTS).isEmpty();
    assertThat(ledger.reads()).as("the writer is not read every round").isLessThanOrEqualTo(1);
  }

  @Test
  void anAlreadyRunningFailoverIsRecordedNotDuplicated() {
    RegionFailoverWorkflow running =
        client.newWorkflowStub(
            RegionFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(FailoverRequest.workflowId("orders"))
                .build());
    WorkflowExecution human =
        WorkflowClient.start(
            running::run,
            new FailoverRequest("orders", WEST, FailoverMode.PLANNED, "rotation", "carol"));
    sampler.impair(EAST, HEALTH_CHECK, AURORA_LAG);
    RegionHealthMonitorWorkflow monitor = startMonitor();

    MonitorStatus status = await(monitor, s -> s.failover() != null, "a failover record");
    awaitSamples(monitor, status.samples() + 5);

    assertThat(status.failover().startedByMonitor()).isFalse();
    // The test server does not say which run was already running; a real server may.
    assertThat(status.failover().runId()).isIn(null, human.getRunId());
    assertThat(CountingFailoverWorkflow.STARTS)
        .extracting(FailoverRequest::requestedBy)
        .containsExactly("carol");
    assertThat(monitor.status().events())
        .extracting(MonitorEvent::what)
        .contains(
            "writer us-east-1 is impaired, but failover failover-orders is already running;"
                + " not starting another");
  }

  @Test
  void aPauseWhosePayloadIsNotAnObjectIsRefusedInTheEvents() {
    RegionHealthMonitorWorkflow monitor = startMonitor();
    WorkflowStub.fromTyped(monitor).signal("pause", RawJson.of("\"carol\""));

    MonitorStatus status =
        await(
            monitor,
            s -> s.events().stream().anyMatch(e -> e.what().startsWith("pause refused")),
            "the refusal");

    assertThat(status.paused()).isFalse();
    assertThat(status.events())
        .extracting(MonitorEvent::what)
        .contains(
            "pause refused: the payload must be a JSON object with the fields [by, reason], not"
                + " a string \"carol\"");
  }

  @Test
  void pauseStopsTriggeringUntilResume() {
    RegionHealthMonitorWorkflow monitor = startMonitor();
    monitor.pause(new OperatorSignal("carol", "game day"));
    sampler.impair(EAST, ALARMS, HEALTH_CHECK);

    MonitorStatus paused = awaitSamples(monitor, 10);

    assertThat(paused.paused()).isTrue();
    assertThat(paused.pausedBy()).isEqualTo("carol");
    assertThat(paused.pauseReason()).isEqualTo("game day");
    assertThat(region(paused, EAST).verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(CountingFailoverWorkflow.STARTS).isEmpty();

    monitor.resume(new OperatorSignal("carol", "game day over"));
    MonitorStatus resumed = await(monitor, s -> s.failover() != null, "a failover");

    assertThat(resumed.paused()).isFalse();
    assertThat(CountingFailoverWorkflow.STARTS).hasSize(1);
  }

  @Test
  void continueAsNewKeepsCountsVerdictsPauseAndTheStartedFailover() {
    sampler.impair(EAST, ALARMS, HEALTH_CHECK);
    RegionHealthMonitorWorkflow monitor = startMonitor();
    WorkflowExecution firstRun = WorkflowStub.fromTyped(monitor).getExecution();
    MonitorStatus started = await(monitor, s -> s.failover() != null, "a failover");
    monitor.pause(new OperatorSignal("dave", "investigating"));

    MonitorStatus carried =
        awaitSamples(monitor, RegionHealthMonitorWorkflowImpl.SAMPLES_PER_RUN + 5);

    assertThat(status(firstRun))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(carried.paused()).isTrue();
    assertThat(carried.pausedBy()).isEqualTo("dave");
    assertThat(carried.failover()).isEqualTo(started.failover());
    RegionHealth east = region(carried, EAST);
    assertThat(east.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(east.verdictSince()).isEqualTo(region(started, EAST).verdictSince());
    assertThat(east.streak(ALARMS))
        .isEqualTo((int) carried.samples())
        .isGreaterThan(RegionHealthMonitorWorkflowImpl.SAMPLES_PER_RUN);
    assertThat(carried.events())
        .extracting(MonitorEvent::what)
        .anyMatch(e -> e.startsWith("paused by dave"));

    monitor.resume(new OperatorSignal("dave", "done"));
    awaitSamples(monitor, carried.samples() + 5);

    assertThat(CountingFailoverWorkflow.STARTS)
        .as("the failover started before continue-as-new answered this impairment")
        .hasSize(1);
  }

  @Test
  void aRecoveredWriterThatFailsAgainStartsAnotherFailover() {
    sampler.impair(EAST, ALARMS, HEALTH_CHECK);
    RegionHealthMonitorWorkflow monitor = startMonitor();
    await(monitor, s -> s.failover() != null, "a failover");
    client
        .newWorkflowStub(RegionFailoverWorkflow.class, FailoverRequest.workflowId("orders"))
        .abort(new AbortSignal("carol", "false alarm"));
    sampler.impair(EAST);
    await(monitor, s -> region(s, EAST).verdict() == RegionVerdict.HEALTHY, "recovery");

    sampler.impair(EAST, ALARMS, HEALTH_CHECK);

    await(monitor, s -> CountingFailoverWorkflow.STARTS.size() == 2, "a second failover");
  }

  private RegionHealthMonitorWorkflow startMonitor() {
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

  private MonitorStatus awaitSamples(RegionHealthMonitorWorkflow monitor, long samples) {
    return await(monitor, s -> s.samples() >= samples, samples + " samples");
  }

  private MonitorStatus await(
      RegionHealthMonitorWorkflow monitor, Predicate<MonitorStatus> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      MonitorStatus status = monitor.status();
      if (status.app() != null && condition.test(status)) {
        return status;
      }
      assertThat(System.nanoTime())
          .as("%s not reached; status %s", what, status)
          .isLessThan(deadline);
      env.sleep(INTERVAL.dividedBy(3));
    }
  }

  private WorkflowExecutionStatus status(WorkflowExecution execution) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(execution)
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  private static RegionHealth region(MonitorStatus status, String region) {
    return status.regions().stream()
        .filter(r -> r.region().equals(region))
        .findFirst()
        .orElseThrow(() -> new AssertionError(region + " not in " + status.regions()));
  }

  /** The example estate with the detection section these tests rely on. */
  private static Estate monitored(String yaml) throws Exception {
    Estate e = EstateParser.parse(yaml, EXAMPLE.toString());
    Detection detection =
        new Detection(
            Map.of(EAST, List.of("orders-5xx-use1"), WEST, List.of("orders-5xx-usw2")),
            Map.of(EAST, "orders-use1", WEST, "orders-usw2"),
            List.of(),
            INTERVAL,
            3,
            false);
    return new Estate(
        e.app(),
        e.regions(),
        e.traffic(),
        e.aurora(),
        e.authority(),
        e.pins(),
        e.fleets(),
        e.flags(),
        e.approvals(),
        e.guards(),
        e.queues(),
        e.reconcile(),
        detection,
        false,
        e.preferredTargets(),
        e.dependsOn(),
        e.tier(),
        e.aws());
  }
}
