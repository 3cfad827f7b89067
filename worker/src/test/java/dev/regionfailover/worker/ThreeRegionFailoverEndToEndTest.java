package dev.regionfailover.worker;

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
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three-region example estate, failed over with real activities against the emulator to its
 * preferred target: the target gets traffic, Aurora's writer, authority and the workers, the source
 * is fenced, and the third region, which took no part, stays a standby in every respect, with every
 * ledger copy saying so.
 */
@ExtendWith(AwsStackExtension.class)
class ThreeRegionFailoverEndToEndTest {

  private static final Path ESTATES =
      Path.of("..", "deploy", "examples", "three-regions").toAbsolutePath().normalize();
  private static final String SOURCE = "us-east-1";
  private static final String BYSTANDER = "us-west-2";
  private static final int ENTITIES = 30;

  private Estate estate;
  private EstateState state;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    estate =
        EstateParser.parse(Files.readString(ESTATES.resolve("payments.yaml")), "payments.yaml");
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
  void plannedFailoverToThePreferredTargetLeavesTheThirdRegionStandingBy() {
    String target = estate.evacuationTarget(SOURCE);
    assertThat(target).isEqualTo("eu-west-1");
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));

    RegionFailoverWorkflow failover =
        worker.start(
            new FailoverRequest(
                "payments", target, FailoverMode.PLANNED, "three-region test", "carol"));
    FailoverEndToEndTest.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "eu-west-1 is ready"));
    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(state.trafficTarget()).isEqualTo("api-euw1.payments.example.com");
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(target));
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(target));
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(target);
      assertThat(state.epoch(region)).isEqualTo(3);
      assertThat(state.auditRecords(region)).isEqualTo(2);
    }
    assertThat(state.routingControl(target)).isEqualTo("On");
    assertThat(state.routingControl(SOURCE)).isEqualTo("Off");
    assertThat(state.routingControl(BYSTANDER)).isEqualTo("Off");
    assertThat(state.trafficDial(target)).isEqualTo(100f);
    assertThat(state.trafficDial(SOURCE)).isZero();
    assertThat(state.trafficDial(BYSTANDER)).isZero();
    assertThat(state.ecsDesired(target)).isEqualTo(2);
    assertThat(state.ecsDesired(SOURCE)).isZero();
    assertThat(state.ecsDesired(BYSTANDER)).isZero();
    assertThat(state.writesEnabled(target)).isEqualTo("true");
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("false");
    assertThat(state.writesEnabled(BYSTANDER)).isEqualTo("false");
    assertThat(state.eventSourceMappingState(BYSTANDER)).isEqualTo("Disabled");
    assertThat(state.ruleState(BYSTANDER)).isEqualTo("DISABLED");
    assertThat(state.homedIn(target, SOURCE)).isZero();
    assertThat(state.homedIn(target, target)).isEqualTo(2 * ENTITIES / 3);
    assertThat(state.homedIn(target, BYSTANDER)).isEqualTo(ENTITIES / 3);
    assertThat(result.entitiesRepinned()).isEqualTo(ENTITIES / 3);
    // Readiness was checked against the target the failover went to, not the estate's second
    // region.
    assertThat(result.findings())
        .extracting(Finding::resource)
        .anyMatch(resource -> resource.contains("payments-euw1"))
        .noneMatch(resource -> resource.contains("payments-usw2"));
  }
}
