package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.devstack.temporal.TemporalServer;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends SIGTERM to a worker JVM while Aurora is switching over, so that the promote activity is in
 * flight, and checks that the worker turns unready at once, lets the activity finish, and exits 0
 * within its grace period: the history has the activity completed by that worker and no activity
 * timeout. A fresh worker then finishes the failover with one switchover.
 */
@ExtendWith(AwsStackExtension.class)
class GracefulShutdownTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final Path LOGS = Path.of("target", "shutdown-test");
  private static final Duration GRACE = Duration.ofSeconds(60);

  /** Long enough to be mid-switchover at the SIGTERM, well inside the grace. */
  private static final Duration SWITCHOVER = Duration.ofSeconds(15);

  private final List<JavaProcess> workers = new ArrayList<>();
  private TemporalServer temporal;
  private WorkflowServiceStubs service;
  private AwsStack stack;
  private Estate estate;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.stack = stack;
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 40);
    temporal = TemporalForTesting.server();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterEach
  void tearDown() {
    workers.forEach(JavaProcess::close);
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void sigtermLetsTheActivityInFlightFinishAndExitsZero() throws Exception {
    stack.standIn().setPromotionDuration(SWITCHOVER);
    CallCounts calls = new CallCounts(stack.standIn(), estate.regions());
    int port = FreePorts.loopback();
    JavaProcess first = startWorker(1, port);
    assertThat(Scrapes.get(port, "/readyz").statusCode()).isEqualTo(200);
    WorkflowClient client = WorkflowClient.newInstance(service);
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "shutdown test", "carol"));
    String workflowId = WorkflowStub.fromTyped(failover).getExecution().getWorkflowId();
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "shutdown test"));
    awaitCount(calls, "SwitchoverGlobalCluster");
    Map<String, String> inFlight = startedActivities(client, workflowId);
    assertThat(inFlight).as("activities running at the SIGTERM").isNotEmpty();

    long signalled = System.nanoTime();
    ProcessHandle.of(first.pid()).orElseThrow().destroy();
    awaitUnready(port);
    while (first.isAlive()) {
      assertThat(Duration.ofNanos(System.nanoTime() - signalled))
          .as("the worker is still running after its grace")
          .isLessThan(GRACE.plusSeconds(10));
      FailoverEndToEndTest.sleep(Duration.ofMillis(100));
    }
    Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);

    assertThat(first.exitCode()).hasValue(0);
    assertThat(stopped).isLessThan(GRACE);
    assertThat(Files.readString(first.logFile()))
        .contains("Every activity in flight finished")
        .contains("Worker stopped")
        .doesNotContain("abandoning");
    List<HistoryEvent> history = client.fetchHistory(workflowId).getEvents();
    assertThat(history)
        .extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);
    assertThat(completedActivityIds(history))
        .as("the activities in flight at the SIGTERM completed on that worker: %s", inFlight)
        .containsAll(inFlight.keySet());

    startWorker(2, FreePorts.loopback());
    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(3, TimeUnit.MINUTES, FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(calls.since("SwitchoverGlobalCluster")).isEqualTo(1);
    assertThat(calls.since("UpdateService")).as("fence and activate").isEqualTo(2);
  }

  /** The running activities of the failover, by activity id, with their type. */
  private static Map<String, String> startedActivities(WorkflowClient client, String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                .build())
        .getPendingActivitiesList()
        .stream()
        .filter(
            activity -> activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
        .collect(
            Collectors.toMap(
                PendingActivityInfo::getActivityId,
                activity -> activity.getActivityType().getName()));
  }

  /** The ids of the activities whose attempt completed, from the history's scheduled events. */
  private static List<String> completedActivityIds(List<HistoryEvent> history) {
    Map<Long, String> scheduled =
        history.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .collect(
                Collectors.toMap(
                    HistoryEvent::getEventId,
                    e -> e.getActivityTaskScheduledEventAttributes().getActivityId()));
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .map(e -> scheduled.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))
        .toList();
  }

  private JavaProcess startWorker(int number, int httpPort) {
    JavaProcess worker =
        WorkerProcesses.builder(
                temporal.target(),
                temporal.stickyScheduleToStartTimeout(),
                stack.endpoint(),
                "testing",
                LOGS.resolve("worker-" + number + ".log"))
            .env("FAILOVER_HTTP_PORT", Integer.toString(httpPort))
            .env("FAILOVER_SHUTDOWN_GRACE", GRACE.toString())
            .build();
    workers.add(worker);
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(60));
    return worker;
  }

  /** The signal is handled on a thread of its own: readiness turns 503 within moments. */
  private static void awaitUnready(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    int status = Scrapes.get(port, "/readyz").statusCode();
    while (status != 503) {
      assertThat(System.nanoTime()).as("/readyz still answers %s", status).isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(20));
      status = Scrapes.get(port, "/readyz").statusCode();
    }
  }

  private static void awaitCount(CallCounts calls, String operation) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (calls.since(operation) < 1) {
      assertThat(System.nanoTime()).as("no %s call within 60 s", operation).isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(50));
    }
  }
}
