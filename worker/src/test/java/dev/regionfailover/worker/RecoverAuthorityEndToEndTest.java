package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflow;
import dev.regionfailover.workflows.failover.RecoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failover terminated in every phase, PLANNED and UNPLANNED, right after one of its steps changed
 * AWS and before it recorded that; then RecoverAuthority, approved, brings the app to one writer:
 * the same in every ledger copy, with traffic, the writer record, fleets and write flags agreeing,
 * read back from the emulator. A second recovery finds nothing to change.
 */
@ExtendWith(AwsStackExtension.class)
class RecoverAuthorityEndToEndTest {

  private static final String APP = "orders";

  private Estate estate;
  private EstateState state;
  private AwsStack stack;
  private InProcessWorker worker;

  /** What the last recovery waited for when it first left ASSESS. */
  private String asked;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.stack = stack;
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    EstateProvisioner provisioner = new EstateProvisioner(aws);
    provisioner.provision(estate, 40);
    provisioner.publishLag(estate, Duration.ofMillis(800));
    state = new EstateState(aws, estate);
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
  }

  /**
   * Where each phase is cut short: after which activity (and its how-manieth run), and which region
   * writes once recovered, since a failover terminated before promotion rolls back and one
   * terminated after rolls forward.
   */
  static Stream<Arguments> interruptions() {
    List<Arguments> all = new ArrayList<>();
    for (FailoverMode mode : List.of(FailoverMode.PLANNED, FailoverMode.UNPLANNED)) {
      all.add(Arguments.of(mode, Phase.ASSESS, "AuroraCheckReadiness", 1, SOURCE));
      all.add(Arguments.of(mode, Phase.SHIFT, "TrafficApply", 1, SOURCE));
      all.add(Arguments.of(mode, Phase.FENCE, "FleetScale", 1, SOURCE));
      all.add(Arguments.of(mode, Phase.AWAIT_APPROVAL, null, 0, SOURCE));
      all.add(Arguments.of(mode, Phase.PROMOTE, "AuroraPromote", 1, TARGET));
      all.add(Arguments.of(mode, Phase.REPIN, "PinsCountEntities", 1, TARGET));
      all.add(Arguments.of(mode, Phase.ACTIVATE, "FleetScale", 2, TARGET));
      all.add(Arguments.of(mode, Phase.RECONCILE, "AuroraLag", 1, TARGET));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} failover terminated in {1}")
  @MethodSource("interruptions")
  void recoveryLeavesOneConsistentWriter(
      FailoverMode mode, Phase phase, String activity, int occurrence, String writer)
      throws Exception {
    String workflowId = FailoverRequest.workflowId(APP);
    // Terminating a failover terminates its re-pin child on a real server; the test server leaves
    // the child running, so in REPIN the test terminates it first, as the server would.
    TerminateAfter terminate =
        new TerminateAfter(
            activity,
            occurrence,
            phase == Phase.REPIN ? List.of("repin-" + APP, workflowId) : List.of(workflowId));
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(30), terminate);
    WorkflowClient client = worker.client();
    terminate.attach(client);

    int homedInSource = state.homedIn(TARGET, SOURCE);
    RegionFailoverWorkflow failover =
        worker.start(new FailoverRequest(APP, TARGET, mode, "end-to-end test", "carol"));
    if (phase.compareTo(Phase.AWAIT_APPROVAL) > 0) {
      FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
      failover.approvePromotion(new ApprovalSignal("alice", "go"));
      failover.approvePromotion(new ApprovalSignal("bob", "go"));
    }
    if (activity == null) {
      FailoverEndToEndTest.awaitPhase(failover, phase);
      WorkflowStub.fromTyped(failover).terminate("terminated by the test while awaiting approval");
    } else {
      terminate.awaitTerminated(Duration.ofMinutes(2));
    }
    String interruptedRun = WorkflowStub.fromTyped(failover).getExecution().getRunId();
    assertThat(client.fetchHistory(workflowId, interruptedRun).getLastEvent().getEventType().name())
        .endsWith("TERMINATED");

    FailoverResult recovered = recover(client, interruptedRun);

    assertThat(recovered.outcome()).as(recovered.summary()).isEqualTo(Phase.COMPLETED);
    int approvers = mode == FailoverMode.UNPLANNED && writer.equals(TARGET) ? 2 : 1;
    if (recovered.steps().stream().anyMatch(s -> s.name().equals("approval"))) {
      assertThat(asked)
          .as("the approval asked for")
          .contains(approvers == 2 ? "from 2 distinct approvers" : "from one of");
    }
    assertThat(recovered.targetRegion()).isEqualTo(writer);
    assertOneWriter(writer);
    if (writer.equals(TARGET)) {
      assertThat(state.homedIn(TARGET, SOURCE)).as("entities left on the source").isZero();
    }
    if (phase == Phase.REPIN) {
      assertThat(recovered.entitiesRepinned())
          .as("entities the recovery re-pinned")
          .isEqualTo(homedInSource)
          .isPositive();
    }
    long epoch = state.epoch(writer);

    FailoverResult again = recover(client, null);

    assertThat(again.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(again.summary()).startsWith("already consistent").contains("nothing was changed");
    assertThat(state.epoch(writer)).isEqualTo(epoch);
    assertOneWriter(writer);
  }

  /** Starts a recovery, approves it twice when it asks, and waits for its result. */
  private FailoverResult recover(WorkflowClient client, String interruptedRun) throws Exception {
    RecoverAuthorityWorkflow recovery =
        client.newWorkflowStub(
            RecoverAuthorityWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowId(FailoverRequest.workflowId(APP))
                .build());
    WorkflowClient.start(recovery::run, new RecoverRequest(APP, "carol", "test", interruptedRun));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    FailoverStatus status = recovery.status();
    while (status.phase() == Phase.ASSESS) {
      assertThat(System.nanoTime()).as("still assessing: %s", status).isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(200));
      status = recovery.status();
    }
    asked = status.waitingFor() == null ? null : status.waitingFor().what();
    if (status.phase() == Phase.AWAIT_APPROVAL) {
      recovery.approvePromotion(new ApprovalSignal("alice", "the proposal is right"));
      recovery.approvePromotion(new ApprovalSignal("bob", "the proposal is right"));
    }
    return WorkflowStub.fromTyped(recovery)
        .getResult(3, TimeUnit.MINUTES, FailoverResult.class, FailoverResult.class);
  }

  /**
   * Reads the emulator: every copy, layer, record, fleet and flag agrees that {@code writer}
   * writes.
   */
  private void assertOneWriter(String writer) {
    String other = writer.equals(SOURCE) ? TARGET : SOURCE;
    long epoch = state.epoch(writer);
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s())
          .as("ledger state in %s", region)
          .isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s())
          .as("ledger writer in %s", region)
          .isEqualTo(writer);
      assertThat(state.epoch(region)).as("ledger epoch in %s", region).isEqualTo(epoch);
    }
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(writer));
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(writer));
    assertThat(state.trafficTarget()).isEqualTo(estate.traffic().route53().targets().get(writer));
    assertThat(state.routingControl(writer)).isEqualTo("On");
    assertThat(state.routingControl(other)).isEqualTo("Off");
    assertThat(state.trafficDial(writer)).isEqualTo(100f);
    assertThat(state.trafficDial(other)).isZero();
    assertThat(state.ecsDesired(writer)).isPositive();
    assertThat(state.ecsDesired(other)).isZero();
    assertThat(state.asg(writer).desiredCapacity()).isPositive();
    assertThat(state.asg(other).desiredCapacity()).isZero();
    assertThat(state.eventSourceMappingState(writer)).isEqualTo("Enabled");
    assertThat(state.eventSourceMappingState(other)).isEqualTo("Disabled");
    assertThat(state.ruleState(writer)).isEqualTo("ENABLED");
    assertThat(state.ruleState(other)).isEqualTo("DISABLED");
    assertThat(state.scheduleState(writer)).isEqualTo("ENABLED");
    assertThat(state.scheduleState(other)).isEqualTo("DISABLED");
    assertThat(state.writesEnabled(writer)).isEqualTo("true");
    assertThat(state.writesEnabled(other)).isEqualTo("false");
  }
}
