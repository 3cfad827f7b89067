package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.rehearsal.RehearsalPhase;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.RehearsalStatus;
import dev.regionfailover.workflows.rehearsal.SwitchoverLeg;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A switchover rehearsal with real activities against the emulator: the writer moves to the target
 * and back, read back from AWS at each stage, and the figures add up.
 */
@ExtendWith(AwsStackExtension.class)
class RehearsalEndToEndTest {

  private static final Path ESTATES = FailoverEndToEndTest.ESTATES;
  private static final String SOURCE = FailoverEndToEndTest.SOURCE;
  private static final String TARGET = FailoverEndToEndTest.TARGET;
  private static final Duration PROMOTION = Duration.ofSeconds(1);

  private Estate estate;
  private EstateState state;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    new EstateProvisioner(aws).provision(estate, FailoverEndToEndTest.ENTITIES);
    stack.standIn().setPromotionDuration(PROMOTION);
    state = new EstateState(aws, estate);
    worker = new InProcessWorker(stack, ESTATES, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void writerMovesToTheTargetAndBackWithFiguresAndRpoZero() {
    SwitchoverRehearsalWorkflow rehearsal =
        start(
            new RehearsalRequest(
                "orders", TARGET, "PT4S", "PT2S", null, false, "end-to-end test", "carol"));

    RehearsalStatus holding = awaitPhase(rehearsal, RehearsalPhase.HOLD);
    assertThat(holding.sourceRegion()).isEqualTo(SOURCE);
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    assertThat(state.trafficTarget()).isEqualTo("api-usw2.orders.example.com");
    assertThat(state.ledger(TARGET).get("writerRegion").s()).isEqualTo(TARGET);
    assertThat(state.writesEnabled(TARGET)).isEqualTo("true");
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("false");

    RehearsalResult result = WorkflowStub.fromTyped(rehearsal).getResult(RehearsalResult.class);

    assertThat(result.outcome()).isEqualTo(RehearsalPhase.COMPLETED);
    assertThat(result.writerRegion()).isEqualTo(SOURCE);
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(SOURCE));
    assertThat(state.writerRecord()).isEqualTo(state.clusterEndpoint(SOURCE));
    assertThat(state.trafficTarget()).isEqualTo("api-use1.orders.example.com");
    for (String region : estate.regions()) {
      assertThat(state.ledger(region).get("state").s()).isEqualTo(AuthorityState.ACTIVE.name());
      assertThat(state.ledger(region).get("writerRegion").s()).isEqualTo(SOURCE);
      assertThat(state.epoch(region)).isEqualTo(5);
    }
    assertThat(state.writesEnabled(SOURCE)).isEqualTo("true");
    assertThat(state.writesEnabled(TARGET)).isEqualTo("false");
    assertThat(state.ecsDesired(SOURCE)).isEqualTo(2);
    assertThat(state.ecsDesired(TARGET)).isZero();

    assertThat(result.rpoSeconds()).isZero();
    assertThat(result.healthChecks()).isEqualTo(2);
    assertFigures(result.switchover(), SOURCE, TARGET);
    assertFigures(result.switchBack(), TARGET, SOURCE);
    assertThat(result.writeUnavailableMillis())
        .isEqualTo(result.switchover().writeUnavailableMillis());
    assertThat(result.startToTrafficShiftedMillis())
        .isGreaterThan(result.switchover().trafficShiftedAfterMillis())
        .isLessThan(result.totalMillis());
    assertThat(result.totalMillis())
        .isGreaterThan(
            Duration.ofSeconds(4).toMillis()
                + result.switchover().totalMillis()
                + result.switchBack().totalMillis());
  }

  @Test
  void aFailedReadinessCheckChangesNothing(EmulatorClients aws) {
    aws.ssm(TARGET)
        .putParameter(
            r -> r.name("/orders/schema-version").value("43").type("String").overwrite(true));
    Map<String, String> before = state.resources();

    SwitchoverRehearsalWorkflow rehearsal =
        start(RehearsalRequest.of("orders", TARGET, "PT4S", false, "carol"));
    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> WorkflowStub.fromTyped(rehearsal).getResult(RehearsalResult.class),
            WorkflowFailedException.class);

    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo("NotReady");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("us-west-2 is not ready to take over orders")
        .contains("FAIL guard-schema-version");
    assertThat(state.resources()).isEqualTo(before);
    assertThat(state.epoch(SOURCE)).isEqualTo(1);
  }

  /** The figures of one leg agree with each other and with what the stand-in was told to take. */
  private static void assertFigures(SwitchoverLeg leg, String from, String to) {
    assertThat(leg.workflowId()).isEqualTo("failover-orders");
    assertThat(leg.fromRegion()).isEqualTo(from);
    assertThat(leg.toRegion()).isEqualTo(to);
    assertThat(leg.rpoSeconds()).isZero();
    Instant started = Instant.parse(leg.startedAt());
    Instant shifted = Instant.parse(leg.trafficShiftedAt());
    Instant fenced = Instant.parse(leg.writesFencedAt());
    Instant resumed = Instant.parse(leg.writesResumedAt());
    assertThat(started).isBefore(shifted);
    assertThat(shifted).isBeforeOrEqualTo(fenced);
    assertThat(fenced).isBefore(resumed);
    assertThat(leg.trafficShiftedAfterMillis())
        .isEqualTo(shifted.toEpochMilli() - started.toEpochMilli());
    // The promotion (which the stand-in holds for a second) falls inside the write outage.
    assertThat(leg.writeUnavailableMillis())
        .isEqualTo(resumed.toEpochMilli() - fenced.toEpochMilli())
        .isGreaterThanOrEqualTo(PROMOTION.toMillis())
        .isLessThan(leg.totalMillis());
  }

  private SwitchoverRehearsalWorkflow start(RehearsalRequest request) {
    SwitchoverRehearsalWorkflow rehearsal =
        worker
            .client()
            .newWorkflowStub(
                SwitchoverRehearsalWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .setWorkflowId(RehearsalRequest.workflowId(request.app()))
                    .build());
    WorkflowClient.start(rehearsal::run, request);
    return rehearsal;
  }

  private static RehearsalStatus awaitPhase(
      SwitchoverRehearsalWorkflow rehearsal, RehearsalPhase phase) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    RehearsalStatus status = rehearsal.status();
    while (status.phase() != phase) {
      assertThat(System.nanoTime())
          .as("phase %s not reached: %s", phase, status)
          .isLessThan(deadline);
      FailoverEndToEndTest.sleep(Duration.ofMillis(200));
      status = rehearsal.status();
    }
    return status;
  }
}
