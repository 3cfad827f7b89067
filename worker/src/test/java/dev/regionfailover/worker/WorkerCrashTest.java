package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.devstack.temporal.TemporalServer;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the worker JVM with SIGKILL while a failover waits for approval and again while Aurora is
 * switching over, and checks that fresh workers finish the failover with every side effect done
 * exactly once: the ledger moved by exactly two epochs and each mutating AWS call was made as often
 * as an uninterrupted run makes it. Prints, for each kill, the time until the next step started,
 * and fails when one took longer than {@link Kills#LONGEST_HOLD}.
 */
@ExtendWith(AwsStackExtension.class)
class WorkerCrashTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final Path LOGS = Path.of("target", "crash-test");

  private final List<JavaProcess> workers = new ArrayList<>();
  private TemporalServer temporal;
  private String logPrefix;
  private WorkflowServiceStubs service;
  private AwsStack stack;
  private Estate estate;
  private EstateState state;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws, TestInfo test) throws Exception {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    this.stack = stack;
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, 40);
    state = new EstateState(aws, estate);
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
  void killedWorkersNeitherLoseNorRepeatAStep() throws Exception {
    AwsStandIn standIn = stack.standIn();
    // Longer than the promote activity's heartbeat timeout, so the retry on the next worker finds
    // the switchover still running and must wait for it instead of requesting it again.
    standIn.setPromotionDuration(Duration.ofSeconds(30));
    CallCounts calls = new CallCounts(standIn, estate.regions());
    JavaProcess first = startWorker(1);
    WorkflowClient client = WorkflowClient.newInstance(service);
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "crash test", "carol"));
    Kills kills = kills(client, failover);
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    kills.kill(first, "PLANNED, awaiting approval");

    // The approval reaches the server while no worker runs; the next worker picks it up.
    failover.approvePromotion(new ApprovalSignal("alice", "approved while the worker was down"));
    JavaProcess second = startWorker(2);
    awaitCount(calls, "SwitchoverGlobalCluster", 1);
    kills.kill(second, "PLANNED, Aurora switching over");
    assertThat(state.auroraWriter())
        .as("killed mid-switchover")
        .isEqualTo(estate.aurora().cluster(SOURCE));

    startWorker(3);
    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(3, TimeUnit.MINUTES, FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    kills.report(logPrefix);
    ExactlyOnce.assertPlannedFailover(result, estate, state, calls);
  }

  @Test
  void killedWorkersDuringAnUnplannedFailoverNeitherLoseNorRepeatAStep() throws Exception {
    AwsStandIn standIn = stack.standIn();
    standIn.setPromotionDuration(Duration.ofSeconds(30));
    standIn.faults().refuseRegion(SOURCE);
    CallCounts calls = new CallCounts(standIn, estate.regions());
    JavaProcess first = startWorker(1);
    WorkflowClient client = WorkflowClient.newInstance(service);
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", "carol"));
    Kills kills = kills(client, failover);
    // The target's ledger copy is fenced; the worker is now probing the unreachable source.
    awaitEpoch(TARGET, 2);
    kills.kill(first, "UNPLANNED, fencing the refused source");

    startWorker(2);
    FailoverEndToEndTest.awaitWaitingFor(failover, "are isolated", Duration.ofMinutes(1));
    failover.confirmFenced(new ConfirmFencedSignal("dave", "us-east-1 is cut off"));
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "data loss accepted"));
    failover.approvePromotion(new ApprovalSignal("bob", "data loss accepted"));
    awaitCount(calls, "FailoverGlobalCluster", 1);
    kills.kill(workers.get(1), "UNPLANNED, Aurora failing over");

    startWorker(3);
    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(3, TimeUnit.MINUTES, FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    kills.report(logPrefix);
    assertThat(result.steps()).extracting(StepStatus::name).doesNotHaveDuplicates();
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    assertThat(state.epoch(TARGET)).isEqualTo(3);
    assertThat(state.auditRecords(TARGET)).isEqualTo(2);
    assertThat(calls.since(TARGET, "TransactWriteItems"))
        .as("ledger writes in the target")
        .isEqualTo(2);
    assertThat(calls.since("FailoverGlobalCluster")).isEqualTo(1);
    assertThat(calls.since("ChangeResourceRecordSets"))
        .as("traffic shift and writer record")
        .isEqualTo(2);
    assertThat(calls.since("PutParameter")).as("the target's writes flag only").isEqualTo(1);
    assertThat(state.writesEnabled(TARGET)).isEqualTo("true");
  }

  private static Kills kills(WorkflowClient client, RegionFailoverWorkflow failover) {
    return new Kills(client, WorkflowStub.fromTyped(failover).getExecution().getWorkflowId());
  }

  private void awaitEpoch(String region, long epoch) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (state.epoch(region) < epoch) {
      assertThat(System.nanoTime())
          .as("epoch %s in %s not reached", epoch, region)
          .isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(50));
    }
  }

  private JavaProcess startWorker(int number) {
    JavaProcess worker =
        WorkerProcesses.builder(
                temporal.target(),
                temporal.stickyScheduleToStartTimeout(),
                stack.endpoint(),
                "testing",
                LOGS.resolve(logPrefix + "-worker-" + number + ".log"))
            .build();
    workers.add(worker);
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(60));
    return worker;
  }

  private static void awaitCount(CallCounts calls, String operation, long expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (calls.since(operation) < expected) {
      assertThat(System.nanoTime()).as("no %s call within 60 s", operation).isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(50));
    }
  }
}
