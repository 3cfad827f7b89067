package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real activities, wired as the worker wires them, against the emulator: every phase is checked by
 * reading AWS state back, not by trusting the workflow's own account.
 */
@ExtendWith(AwsStackExtension.class)
class FailoverEndToEndTest {

  static final Path ESTATES = Path.of("..", "deploy", "estates").toAbsolutePath().normalize();
  static final String SOURCE = "us-east-1";
  static final String TARGET = "us-west-2";
  static final int ENTITIES = 40;

  private Estate estate;
  private EstateState state;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, ENTITIES);
    stack.standIn().setPromotionDuration(Duration.ofSeconds(1));
    state = new EstateState(aws, estate);
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void plannedFailoverMovesTrafficAuthorityWorkersAndEntities() {
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));
    assertThat(state.trafficTarget()).isEqualTo("api-use1.orders.example.com");

    RegionFailoverWorkflow failover = start(FailoverMode.PLANNED);
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    // SHIFT and FENCE are done; the writer has not moved yet and no region may write.
    assertThat(state.trafficTarget()).isEqualTo("api-usw2.orders.example.com");
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.FENCED.name());
      assertThat(state.ledger(region)).doesNotContainKey("writerRegion");
      assertThat(state.epoch(region)).isEqualTo(2);
    }
    assertThat(state.ecsDesired(SOURCE)).isZero();
    assertThat(state.asg(SOURCE).desiredCapacity()).isZero();
    assertThat(state.asg(SOURCE).maxSize()).isZero();
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("false");
    assertThat(state.writesEnabled(TARGET)).isEqualTo("false");
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));

    failover.approvePromotion(new ApprovalSignal("alice", "replica lag is fine"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(TARGET));
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(TARGET);
      assertThat(state.epoch(region)).isEqualTo(3);
      assertThat(state.auditRecords(region)).isEqualTo(2);
    }
    assertThat(state.ecsDesired(TARGET)).isEqualTo(2);
    assertThat(state.asg(TARGET).desiredCapacity()).isEqualTo(2);
    assertThat(state.asg(TARGET).minSize()).isEqualTo(1);
    assertThat(state.asg(TARGET).maxSize()).isEqualTo(4);
    assertThat(state.ecsDesired(SOURCE)).isZero();
    assertThat(state.writesEnabled(TARGET)).isEqualTo("true");
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("false");
    assertThat(state.homedIn(TARGET, SOURCE)).isZero();
    assertThat(state.homedIn(TARGET, TARGET)).isEqualTo(ENTITIES);
    assertThat(result.entitiesRepinned()).isEqualTo(ENTITIES / 2);
    assertThat(state.routingControl(TARGET)).isEqualTo("On");
    assertThat(state.routingControl(SOURCE)).isEqualTo("Off");
    assertThat(state.trafficDial(TARGET)).isEqualTo(100f);
    assertThat(state.trafficDial(SOURCE)).isZero();
    assertThat(state.eventSourceMappingState(TARGET)).isEqualTo("Enabled");
    assertThat(state.eventSourceMappingState(SOURCE)).isEqualTo("Disabled");
    assertThat(state.ruleState(TARGET)).isEqualTo("ENABLED");
    assertThat(state.ruleState(SOURCE)).isEqualTo("DISABLED");
    assertThat(state.scheduleState(TARGET)).isEqualTo("ENABLED");
    assertThat(state.scheduleState(SOURCE)).isEqualTo("DISABLED");
    assertThat(state.suspendedProcesses(TARGET)).isEmpty();
    assertThat(state.suspendedProcesses(SOURCE))
        .containsExactlyInAnyOrderElementsOf(AsgCapacity.FENCED_PROCESSES);
    assertThat(result.rpo().seconds()).isZero();
    assertThat(result.findings())
        .filteredOn(f -> f.check().equals("aurora-old-primary-rejoined"))
        .singleElement()
        .extracting(Finding::verdict)
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void deniedFailoverPutsEveryResourceBack() {
    Map<String, String> before = state.resources();
    RegionFailoverWorkflow failover = start(FailoverMode.PLANNED);
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.denyPromotion(new DenialSignal("bob", "not during the sale"));

    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(state.resources()).isEqualTo(before);
    assertThat(state.trafficTarget()).isEqualTo("api-use1.orders.example.com");
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(SOURCE);
      assertThat(state.epoch(region)).isEqualTo(3);
    }
    assertThat(state.ecsDesired(SOURCE)).isEqualTo(2);
    assertThat(state.asg(SOURCE).desiredCapacity()).isEqualTo(2);
    assertThat(state.asg(SOURCE).maxSize()).isEqualTo(4);
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("true");
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));
    assertThat(state.homedIn(SOURCE, SOURCE)).isEqualTo(ENTITIES / 2);
  }

  /** Each fault the stand-in injects, applied to every regional AWS call of a whole failover. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"30% throttled", "30% answered 503", "150 ms added latency"})
  void completesUnderFaultsWithEachSideEffectOnce(String fault, AwsStack stack) {
    CallCounts calls = new CallCounts(stack.standIn(), estate.regions());
    switch (fault) {
      case "30% throttled" -> stack.standIn().faults().throttle(0.3);
      case "30% answered 503" -> stack.standIn().faults().serverErrors(0.3);
      default -> stack.standIn().faults().latency(Duration.ofMillis(150));
    }

    FailoverResult result =
        WorkflowStub.fromTyped(start(FailoverMode.DRILL)).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    if (!fault.contains("latency")) {
      assertThat(
              stack.standIn().rejected("TransactWriteItems")
                  + stack.standIn().rejected("UpdateService"))
          .as("calls the fault rejected")
          .isPositive();
    }
    assertThat(calls.since("SwitchoverGlobalCluster")).isEqualTo(1);
    assertThat(calls.since("ChangeResourceRecordSets")).isEqualTo(2);
    assertThat(calls.since("UpdateService")).isEqualTo(2);
    assertThat(calls.since("UpdateAutoScalingGroup")).isEqualTo(2);
    assertThat(calls.since("PutParameter")).isEqualTo(2);
    for (String region : estate.regions()) {
      assertThat(calls.since(region, "TransactWriteItems")).isEqualTo(2);
      assertThat(state.auditRecords(region)).isEqualTo(2);
    }
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    assertThat(state.routingControl(TARGET)).isEqualTo("On");
  }

  @Test
  void brokenGuardsStopTheFailoverBeforeAnyChange(EmulatorClients aws) {
    aws.ssm(TARGET)
        .putParameter(
            r -> r.name("/orders/schema-version").value("43").type("String").overwrite(true));
    aws.ssm(SOURCE)
        .putParameter(
            r ->
                r.name("/orders/migration-in-progress")
                    .value("true")
                    .type("String")
                    .overwrite(true));
    Map<String, String> before = state.resources();

    RegionFailoverWorkflow failover = start(FailoverMode.PLANNED);

    assertThatThrownBy(() -> WorkflowStub.fromTyped(failover).getResult(FailoverResult.class))
        .rootCause()
        .hasMessageContaining("not ready to take over; nothing was changed")
        .hasMessageContaining("FAIL guard-schema-version")
        .hasMessageContaining("42 in us-east-1")
        .hasMessageContaining("43 in us-west-2")
        .hasMessageContaining("FAIL guard-migration-in-progress");
    assertThat(state.resources()).isEqualTo(before);
    assertThat(state.epoch(SOURCE)).isEqualTo(1);
  }

  @Test
  void drillFailsOverAndBackWithoutApproval() {
    FailoverResult there =
        WorkflowStub.fromTyped(start(FailoverMode.DRILL)).getResult(FailoverResult.class);
    assertThat(there.outcome()).isEqualTo(Phase.COMPLETED);

    RegionFailoverWorkflow back =
        worker.start(
            new FailoverRequest("orders", SOURCE, FailoverMode.DRILL, "fail back", "scheduler"));
    FailoverResult result = WorkflowStub.fromTyped(back).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.sourceRegion()).isEqualTo(TARGET);
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));
    assertThat(state.epoch(SOURCE)).isEqualTo(5);
    assertThat(state.ledger(SOURCE).get("writerRegion").s()).isEqualTo(SOURCE);
    assertThat(state.trafficTarget()).isEqualTo("api-use1.orders.example.com");
    assertThat(state.ecsDesired(SOURCE)).isEqualTo(2);
    assertThat(state.ecsDesired(TARGET)).isZero();
  }

  private RegionFailoverWorkflow start(FailoverMode mode) {
    return worker.start(new FailoverRequest("orders", TARGET, mode, "end-to-end test", "carol"));
  }

  static void awaitPhase(RegionFailoverWorkflow failover, Phase phase) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (failover.status().phase() != phase) {
      assertThat(System.nanoTime())
          .as("phase %s not reached: %s", phase, failover.status())
          .isLessThan(deadline);
      sleep(Duration.ofMillis(200));
    }
  }

  static void awaitWaitingFor(RegionFailoverWorkflow failover, String what) {
    awaitWaitingFor(failover, what, Duration.ofSeconds(120));
  }

  static void awaitWaitingFor(RegionFailoverWorkflow failover, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // One query per check: the wait changes between queries as steps start and end.
    FailoverStatus status = failover.status();
    while (status.waitingFor() == null || !status.waitingFor().what().contains(what)) {
      assertThat(System.nanoTime()).as("not waiting for %s: %s", what, status).isLessThan(deadline);
      sleep(Duration.ofMillis(200));
      status = failover.status();
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
