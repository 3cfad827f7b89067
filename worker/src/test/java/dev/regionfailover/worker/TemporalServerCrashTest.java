package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ENTITIES;
import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.DevServerSettings;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the Temporal dev server itself with SIGKILL three times during a PLANNED failover (while
 * the source is being fenced, while the failover waits for approval, and while Aurora is switching
 * over), each time restarting it on the same port with the same database file, while one worker
 * runs throughout. The worker must reconnect by itself, and the failover must end as an
 * uninterrupted one does: completed, every step once, each mutating AWS call made as often as an
 * uninterrupted run makes it, Aurora's switchover exactly once, the ledger two epochs on with one
 * audit record per transition in every copy. Prints, for each restart, the time until the next step
 * started, and fails when one took longer than {@link ServerRestarts#LONGEST_RESUMPTION}.
 */
@ExtendWith(AwsStackExtension.class)
class TemporalServerCrashTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final Path LOGS = Path.of("target", "server-crash-test");

  /** Slows every regional AWS call while fencing, so that the kill lands inside the phase. */
  private static final Duration FENCE_LATENCY = Duration.ofMillis(150);

  @TempDir Path directory;

  private TemporalDevServer temporal;
  private WorkflowServiceStubs service;
  private JavaProcess worker;
  private AwsStack stack;
  private Estate estate;
  private EstateState state;
  private String logPrefix;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws, TestInfo test) throws Exception {
    logPrefix = test.getTestMethod().orElseThrow().getName();
    this.stack = stack;
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, ENTITIES);
    state = new EstateState(aws, estate);
    temporal =
        TemporalDevServer.start(
            TemporalForTesting.cli(),
            new DevServerSettings(
                FreePorts.loopback(), OptionalInt.empty(), directory.resolve("temporal.db")));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void aKilledTemporalServerRestartedOnItsDatabaseNeitherLosesNorRepeatsAStep() throws Exception {
    AwsStandIn standIn = stack.standIn();
    // Longer than the promote activity's heartbeat timeout, so the server's restart comes while
    // the switchover still runs and the promote step must go on waiting for it, not request it
    // again.
    standIn.setPromotionDuration(Duration.ofSeconds(20));
    CallCounts calls = new CallCounts(standIn, estate.regions());
    startWorker();
    WorkflowClient client = WorkflowClient.newInstance(service);
    standIn.faults().latency(FENCE_LATENCY);
    RegionFailoverWorkflow failover =
        Failovers.start(
            client,
            new FailoverRequest(
                "orders", TARGET, FailoverMode.PLANNED, "server crash test", "carol"));
    ServerRestarts restarts =
        new ServerRestarts(
            temporal, client, WorkflowStub.fromTyped(failover).getExecution().getWorkflowId());

    awaitAnyEpoch(2);
    assertThat(failover.status().phase()).as("killed while fencing").isEqualTo(Phase.FENCE);
    restarts.killAndRestart("PLANNED, fencing the source", Duration.ofSeconds(2));
    standIn.faults().latency(Duration.ZERO);

    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    restarts.killAndRestart("PLANNED, awaiting approval", Duration.ofSeconds(3));
    failover.approvePromotion(new ApprovalSignal("alice", "approved after the server restarted"));

    awaitSwitchoverRequested(calls);
    restarts.killAndRestart("PLANNED, Aurora switching over", Duration.ofSeconds(5));
    assertThat(state.auroraWriter())
        .as("the switchover outlasts the server's restart")
        .isEqualTo(estate.aurora().cluster(SOURCE));

    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(2, TimeUnit.MINUTES, FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    restarts.report(logPrefix);
    assertThat(worker.isAlive()).as("the worker outlived every server restart").isTrue();
    ExactlyOnce.assertPlannedFailover(result, estate, state, calls);
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(TARGET));
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(TARGET);
    }
    assertThat(state.homedIn(TARGET, TARGET)).isEqualTo(ENTITIES);
    assertThat(result.entitiesRepinned()).isEqualTo(ENTITIES / 2);
    assertThat(state.ecsDesired(SOURCE)).isZero();
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("false");
  }

  /** Waits until some copy of the ledger reached {@code epoch}: the fence has begun. */
  private void awaitAnyEpoch(long epoch) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (estate.regions().stream().allMatch(region -> state.epoch(region) < epoch)) {
      assertThat(System.nanoTime()).as("epoch %s not reached", epoch).isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(20));
    }
  }

  private static void awaitSwitchoverRequested(CallCounts calls) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (calls.since("SwitchoverGlobalCluster") < 1) {
      assertThat(System.nanoTime()).as("no switchover within 60 s").isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(50));
    }
  }

  private void startWorker() {
    worker =
        WorkerProcesses.builder(
                temporal.target(),
                temporal.stickyScheduleToStartTimeout(),
                stack.endpoint(),
                "testing",
                LOGS.resolve(logPrefix + "-worker.log"))
            .build();
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(60));
  }
}
