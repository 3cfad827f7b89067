package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static dev.regionfailover.worker.FailoverEndToEndTest.awaitWaitingFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An UNPLANNED failover while us-east-1 refuses every connection, with real activities against the
 * emulator: traffic moves, the reachable ledger copy is fenced, the workflow waits for a human to
 * confirm the rest is isolated, two approvers let it fail Aurora over with data loss allowed, and
 * the RPO it reports is the target's last replication lag.
 */
@ExtendWith(AwsStackExtension.class)
class UnplannedFailoverEndToEndTest {

  private Estate estate;
  private EstateState state;
  private EstateState behindTheOutage;
  private EmulatorClients moto;
  private AwsStack stack;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.stack = stack;
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    EstateProvisioner provisioner = new EstateProvisioner(aws);
    provisioner.provision(estate, 40);
    provisioner.publishLag(estate, Duration.ofMillis(2300));
    state = new EstateState(aws, estate);
    // Straight to moto, past the stand-in's faults, to see what the outage hides.
    moto = new EmulatorClients(stack.moto().endpoint());
    behindTheOutage = new EstateState(moto, estate);
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    worker.close();
    moto.close();
  }

  @Test
  void failsOverAwayFromARegionThatRefusesEveryConnection() {
    stack.standIn().faults().refuseRegion(SOURCE);
    RegionFailoverWorkflow failover =
        worker.start(
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", "carol"));
    awaitWaitingFor(failover, "are isolated");

    FailoverStatus fencing = failover.status();
    assertThat(fencing.unconfirmedFences())
        .contains(
            "authority ledger copy failover-authority in us-east-1",
            "ECS service orders-use1/order-worker in us-east-1",
            "writes-enabled flag /orders/us-east-1/writes-enabled in us-east-1");
    assertThat(fencing.rpo().seconds()).isEqualTo(3);
    assertThat(state.trafficTarget()).isEqualTo("api-usw2.orders.example.com");
    assertThat(state.ledger(TARGET).get("state").s()).isEqualTo(AuthorityState.FENCED.name());
    assertThat(state.epoch(TARGET)).isEqualTo(2);
    assertThat(behindTheOutage.epoch(SOURCE)).as("the unreachable copy is untouched").isEqualTo(1);
    assertThat(behindTheOutage.ecsDesired(SOURCE)).isEqualTo(2);

    failover.confirmFenced(new ConfirmFencedSignal("dave", "us-east-1 is cut off at the network"));
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "data loss accepted"));
    failover.approvePromotion(new ApprovalSignal("bob", "data loss accepted"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.rpo().seconds()).isEqualTo(3);
    assertThat(result.rpo().basis()).contains("2300 ms");
    assertThat(stack.standIn().count("FailoverGlobalCluster")).isEqualTo(1);
    assertThat(stack.standIn().count("SwitchoverGlobalCluster")).isZero();
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(TARGET));
    assertThat(state.ledger(TARGET).get("writerRegion").s()).isEqualTo(TARGET);
    assertThat(state.epoch(TARGET)).isEqualTo(3);
    assertThat(state.writesEnabled(TARGET)).isEqualTo("true");
    assertThat(state.eventSourceMappingState(TARGET)).isEqualTo("Enabled");
    assertThat(state.ruleState(TARGET)).isEqualTo("ENABLED");
    assertThat(state.scheduleState(TARGET)).isEqualTo("ENABLED");
    assertThat(state.homedIn(TARGET, SOURCE)).isZero();
    assertThat(result.findings())
        .filteredOn(f -> f.verdict() == Verdict.WARN)
        .extracting(Finding::check)
        .contains("authority-ledger-copy", "fleet-capacity", "aurora-replication-lag");
    assertThat(result.findings()).noneMatch(f -> f.verdict() == Verdict.FAIL);
  }

  /**
   * An UNPLANNED failover need not find its source down: here both regions answer, so every ledger
   * copy is fenced, and a denial gives authority back to the source in each of them.
   */
  @Test
  void deniedWhileBothRegionsAnswerGivesAuthorityBackInEveryRegion() {
    RegionFailoverWorkflow failover =
        worker.start(
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is degraded", "carol"));
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    assertThat(failover.status().unconfirmedFences()).isEmpty();
    failover.denyPromotion(new DenialSignal("bob", "it recovered"));

    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).doesNotContain("could not undo");
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(SOURCE);
      assertThat(state.epoch(region)).isEqualTo(3);
    }
    assertThat(state.trafficTarget()).isEqualTo("api-use1.orders.example.com");
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("true");
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));
  }
}
