package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.evacuation.AppLine;
import dev.regionfailover.workflows.evacuation.AppState;
import dev.regionfailover.workflows.evacuation.EvacuationReport;
import dev.regionfailover.workflows.evacuation.EvacuationRequest;
import dev.regionfailover.workflows.evacuation.EvacuationState;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evacuation with the real activities against the emulator: two apps of the local stack, one
 * depending on the other, both DRILL failovers to their preferred target, in order, each tagged
 * with the evacuation.
 */
@ExtendWith(AwsStackExtension.class)
class EvacuationEndToEndTest {

  private static final String SOURCE = FailoverEndToEndTest.SOURCE;
  private static final String TARGET = FailoverEndToEndTest.TARGET;

  @TempDir Path estates;

  private Estate orders;
  private Estate billing;
  private EmulatorClients aws;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) throws Exception {
    this.aws = aws;
    String text = Files.readString(FailoverEndToEndTest.ESTATES.resolve("orders.yaml"));
    // A second app, named apart in every resource, that must move after orders.
    String second = text.replace("orders", "billing") + "\ndependsOn: [orders]\n";
    Files.writeString(estates.resolve("orders.yaml"), text);
    Files.writeString(estates.resolve("billing.yaml"), second);
    orders = EstateParser.parse(text, "orders.yaml");
    billing = EstateParser.parse(second, "billing.yaml");
    EstateProvisioner provisioner = new EstateProvisioner(aws);
    provisioner.provision(orders, 10);
    provisioner.provision(billing, 10);
    stack.standIn().setPromotionDuration(Duration.ofMillis(500));
    worker = new InProcessWorker(stack, estates, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void movesBothAppsInDependencyOrderWithTheirOwnFailovers() throws Exception {
    EvacuationReport report = evacuate();

    assertThat(report.outcome()).as(report.markdown()).isEqualTo(EvacuationState.COMPLETED);
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::target, AppLine::state, AppLine::rpoSeconds)
        .containsExactly(
            tuple("orders", TARGET, AppState.COMPLETED, 0L),
            tuple("billing", TARGET, AppState.COMPLETED, 0L));
    AppLine first = report.apps().get(0);
    AppLine second = report.apps().get(1);
    assertThat(Instant.parse(second.startedAt())).isAfterOrEqualTo(Instant.parse(first.endedAt()));
    for (Estate estate : new Estate[] {orders, billing}) {
      EstateState state = new EstateState(aws, estate);
      assertThat(state.ledger(TARGET).get("writerRegion").s()).isEqualTo(TARGET);
      assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
      String evacuationOfChild =
          worker
              .client()
              .newUntypedWorkflowStub("failover-" + estate.app())
              .describe()
              .getTypedSearchAttributes()
              .get(SearchAttributes.FAILOVER_EVACUATION);
      assertThat(evacuationOfChild).isEqualTo("evacuate-us-east-1");
    }
    assertThat(report.markdown())
        .contains("| orders | 5 | us-west-2 | COMPLETED | COMPLETED |")
        .contains("| billing | 5 | us-west-2 | COMPLETED | COMPLETED |");
  }

  @Test
  void adoptsAFailoverStartedByHandAndWatchesItToItsEnd() throws Exception {
    RegionFailoverWorkflow byHand =
        worker
            .client()
            .newWorkflowStub(
                RegionFailoverWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .setWorkflowId(FailoverRequest.workflowId("orders"))
                    .build());
    // PLANNED, so that it waits for an approval until the evacuation has adopted it.
    WorkflowExecution started =
        WorkflowClient.start(
            byHand::run,
            new FailoverRequest("orders", TARGET, FailoverMode.PLANNED, "by hand", "dave"));
    RegionEvacuationWorkflow evacuation = start();
    await(
        () ->
            evacuation.status().apps().stream()
                .anyMatch(l -> l.app().equals("orders") && l.adopted()));
    await(() -> byHand.status().phase() == Phase.AWAIT_APPROVAL);

    byHand.approvePromotion(new ApprovalSignal("alice", "go"));
    EvacuationReport report = result(evacuation);

    assertThat(report.outcome()).as(report.markdown()).isEqualTo(EvacuationState.COMPLETED);
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::adopted, AppLine::state)
        .containsExactly(
            tuple("orders", true, AppState.COMPLETED), tuple("billing", false, AppState.COMPLETED));
    // The failover started by hand is the only run of failover-orders: it was not started twice.
    assertThat(
            worker
                .client()
                .newUntypedWorkflowStub(FailoverRequest.workflowId("orders"))
                .describe()
                .getExecution()
                .getRunId())
        .isEqualTo(started.getRunId());
    assertThat(new EstateState(aws, orders).ledger(TARGET).get("writerRegion").s())
        .isEqualTo(TARGET);
  }

  private EvacuationReport evacuate() throws Exception {
    return result(start());
  }

  /**
   * The report, within a bound, so that a stuck evacuation fails the test instead of hanging it.
   */
  private static EvacuationReport result(RegionEvacuationWorkflow evacuation) throws Exception {
    return WorkflowStub.fromTyped(evacuation)
        .getResult(5, TimeUnit.MINUTES, EvacuationReport.class);
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s");
      }
      Thread.sleep(200);
    }
  }

  private RegionEvacuationWorkflow start() {
    RegionEvacuationWorkflow evacuation =
        worker
            .client()
            .newWorkflowStub(
                RegionEvacuationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .setWorkflowId(EvacuationRequest.workflowId(SOURCE))
                    .build());
    EvacuationRequest request =
        new EvacuationRequest(
            SOURCE,
            "DRILL",
            "end-to-end test",
            "carol",
            List.of("orders", "billing"),
            null,
            null,
            5);
    WorkflowClient.start(evacuation::run, request);
    return evacuation;
  }
}
