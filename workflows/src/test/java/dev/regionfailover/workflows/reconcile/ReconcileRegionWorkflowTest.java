package dev.regionfailover.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.Reconcile;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.input.RawJson;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** The wait for the old region and the report, with mocked activities and skipped time. */
class ReconcileRegionWorkflowTest {

  private static final String OLD = "us-east-1";
  private static final String WRITER = "us-west-2";
  private static final String USE1 = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String USW2 = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";
  private static final ProbeResult NO_ANSWER =
      new ProbeResult(OLD, false, "SdkClientException: Unable to execute HTTP request");
  private static final ProbeResult ANSWER =
      new ProbeResult(OLD, true, "DescribeDBClusters answered");

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(ReconcileRegionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final EstateActivities estates =
      mock(EstateActivities.class, withSettings().withoutAnnotations());
  private final AuroraActivities aurora =
      mock(AuroraActivities.class, withSettings().withoutAnnotations());
  private final ReconcileActivities reconcile =
      mock(ReconcileActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;
  private Estate estate;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    Path example = Path.of("..", "deploy", "estates", "orders.yaml");
    estate = EstateParser.parse(Files.readString(example), example.toString());
    when(estates.load(any())).thenReturn(estate);
    when(aurora.describe(any()))
        .thenReturn(
            new AuroraTopology(
                "orders-global", "available", List.of(new ClusterMember(USW2, WRITER, true))));
    when(reconcile.bringLedgerForward(any()))
        .thenReturn(
            Finding.pass(
                "authority-ledger-copy",
                "failover-authority in us-east-1",
                "already current",
                "x"));
    when(reconcile.findConflicts(any()))
        .thenReturn(
            new TableConflicts(
                "orders-carts",
                OLD,
                WRITER,
                10,
                1,
                0,
                List.of(
                    new ItemConflict(
                        "id=\"cart-1\"",
                        "{id=\"cart-1\", version=3}",
                        "{id=\"cart-1\", version=4}",
                        "version 3 vs 4"))));
    when(reconcile.countStranded(any()))
        .thenReturn(
            new QueueBacklogs(
                OLD,
                List.of(
                    new QueueBacklog(OLD, "orders-fulfilment", false, 4, 0, 0, false),
                    new QueueBacklog(OLD, "orders-fulfilment-dlq", true, 2, 0, 0, false))));
    when(reconcile.redriveDeadLetters(any()))
        .thenReturn(
            new RedriveResult("orders-fulfilment-dlq", OLD, "orders-fulfilment", WRITER, 2, 0));
    when(reconcile.storeReport(any())).thenReturn("reconcile#00000000000000000042");
    worker.registerActivitiesImplementations(estates, aurora, reconcile);
    env.start();
  }

  @Test
  void failedProbesWaitOnTimersThatDoubleUntilTheRegionAnswers() {
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER, NO_ANSWER, NO_ANSWER, ANSWER);

    ReconcileReport report = result(start());

    // Probes at 0 s, then after 30, 60 and 120 s of timers.
    assertThat(between(report.startedAt(), report.recoveredAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(210))
        .isLessThan(Duration.ofSeconds(240));
    verify(reconcile, times(4)).probeRegion(new ProbeRequest(OLD, USE1));
    assertThat(report.recoveredBy()).startsWith("probe 4: DescribeDBClusters answered");
    assertThat(report.outcome()).isEqualTo(ReconcileOutcome.NEEDS_ATTENTION);
    assertThat(report.auditKey()).isEqualTo("reconcile#00000000000000000042");
    assertThat(findings(report))
        .extracting(Finding::check, Finding::verdict)
        .contains(
            tuple("aurora-old-primary-rejoined", Verdict.FAIL),
            tuple("aurora-writer", Verdict.PASS),
            tuple("aurora-replication-lag", Verdict.WARN),
            tuple("dynamodb-conflicts", Verdict.FAIL),
            tuple("sqs-stranded", Verdict.WARN),
            tuple("sqs-redrive", Verdict.PASS),
            tuple("authority-ledger-copy", Verdict.PASS));
    // The old primary is not a secondary, so its lag is not read.
    verify(aurora, never()).lag(any());
    ArgumentCaptor<StoreReportRequest> stored = ArgumentCaptor.forClass(StoreReportRequest.class);
    verify(reconcile).storeReport(stored.capture());
    assertThat(stored.getValue().table()).isEqualTo("failover-authority");
    assertThat(stored.getValue().region()).isEqualTo(WRITER);
    assertThat(stored.getValue().report().conflicts()).hasSize(1);
    assertThat(ReconcileMarkdown.render(report))
        .contains("**Outcome: NEEDS_ATTENTION**")
        .contains("| id=\"cart-1\" | {id=\"cart-1\", version=3} | {id=\"cart-1\", version=4} |")
        .contains("orders-fulfilment-dlq in us-east-1 -> orders-fulfilment in us-west-2: 2 moved");
  }

  @Test
  void aRecoverySignalWhosePayloadIsNotAnObjectIsRefusedAndTheWaitGoesOn() {
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER);
    ReconcileRegionWorkflow workflow = start();
    await(workflow, s -> s.waitingFor() != null && s.waitingFor().nextProbeAt() != null);
    WorkflowStub.fromTyped(workflow).signal("regionRecovered", RawJson.of("[1,2]"));

    ReconcileStatus status = await(workflow, s -> !s.refusedSignals().isEmpty());

    assertThat(status.refusedSignals())
        .containsExactly(
            "regionRecovered refused: the payload must be a JSON object with the fields [by,"
                + " note], not an array [1,2]");
    assertThat(status.stage()).isEqualTo(ReconcileStage.AWAIT_RECOVERY);
  }

  @Test
  void theSignalEndsTheWaitAtOnceAndStatusNamesTheWait() {
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER);
    ReconcileRegionWorkflow workflow = start();
    ReconcileStatus waiting =
        await(workflow, s -> s.waitingFor() != null && s.waitingFor().nextProbeAt() != null);
    Instant signalled = Instant.ofEpochMilli(env.currentTimeMillis());

    assertThat(waiting.stage()).isEqualTo(ReconcileStage.AWAIT_RECOVERY);
    assertThat(waiting.waitingFor().what()).isEqualTo("us-east-1 to answer again");
    assertThat(waiting.waitingFor().how())
        .contains("every 30 s, doubling to 15 min")
        .contains("regionRecovered")
        .contains("./failover reconcile recovered orders --by NAME")
        .contains("gives up");
    assertThat(waiting.waitingFor().probes()).isEqualTo(1);
    assertThat(waiting.waitingFor().lastProbe()).contains("no answer");
    assertThat(waiting.checks()).allMatch(c -> c.state() == CheckState.PENDING);
    workflow.regionRecovered(new RecoverySignal("alice", "us-east-1 is back per AWS Health"));

    ReconcileReport report = result(workflow);

    assertThat(Duration.between(signalled, Instant.parse(report.recoveredAt())))
        .isLessThan(Duration.ofSeconds(30));
    verify(reconcile, times(1)).probeRegion(any());
    assertThat(report.recoveredBy())
        .isEqualTo("signal from alice: us-east-1 is back per AWS Health");
    assertThat(workflow.status().stage()).isEqualTo(ReconcileStage.DONE);
    assertThat(workflow.status().checks())
        .extracting(CheckProgress::state)
        .doesNotContain(CheckState.PENDING, CheckState.RUNNING);
  }

  @Test
  void aRegionThatNeverAnswersEndsInAnUnreachableReport() {
    when(estates.load(any())).thenReturn(withRecoveryTimeout(Duration.ofHours(1)));
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER);

    ReconcileReport report = result(start());

    assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REGION_UNREACHABLE);
    assertThat(report.summary())
        .isEqualTo("us-east-1 is still unreachable after PT1H; nothing in it was checked");
    assertThat(between(report.startedAt(), report.finishedAt()))
        .isGreaterThanOrEqualTo(Duration.ofHours(1));
    // 0, 30, 90, 210, 450, 930, 1830, 2730 s and the deadline at 3600 s.
    verify(reconcile, times(9)).probeRegion(any());
    verify(reconcile, never()).findConflicts(any());
    verify(reconcile, never()).bringLedgerForward(any());
    verify(reconcile).storeReport(any());
    assertThat(findings(report))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo("region-recovered");
              assertThat(f.verdict()).isEqualTo(Verdict.WARN);
            });
  }

  @Test
  void aLongWaitContinuesAsNewAndKeepsItsDeadline() {
    when(estates.load(any())).thenReturn(withRecoveryTimeout(Duration.ofDays(1)));
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER);
    ReconcileRegionWorkflow workflow = start();
    String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();

    ReconcileReport report = result(workflow);

    assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REGION_UNREACHABLE);
    assertThat(report.summary())
        .isEqualTo("us-east-1 is still unreachable after PT24H; nothing in it was checked");
    assertThat(between(report.startedAt(), report.finishedAt()))
        .isGreaterThanOrEqualTo(Duration.ofDays(1))
        .isLessThan(Duration.ofDays(1).plusMinutes(1));
    // 8 probes until the timer reaches 15 min at 2730 s, 92 more every 15 min, one at the deadline.
    verify(reconcile, times(101)).probeRegion(any());
    assertThat(
            client
                .fetchHistory(ReconcileRegionWorkflow.workflowId("orders"), firstRun)
                .getLastEvent()
                .getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
  }

  @Test
  void aSignalAfterContinueAsNewEndsTheWaitAndRefusedSignalsAreKept() {
    when(estates.load(any())).thenReturn(withRecoveryTimeout(Duration.ofDays(1)));
    when(reconcile.probeRegion(any())).thenReturn(NO_ANSWER);
    ReconcileRegionWorkflow workflow = start();
    await(workflow, s -> s.waitingFor() != null && s.waitingFor().nextProbeAt() != null);
    WorkflowStub.fromTyped(workflow).signal("regionRecovered", RawJson.of("[1,2]"));
    await(workflow, s -> !s.refusedSignals().isEmpty());

    // Skips time a quarter of an hour at a time until the next run waits on its timer.
    ReconcileStatus continued = workflow.status();
    for (int i = 0; i < 200 && !waitsInTheNextRun(continued); i++) {
      env.sleep(Duration.ofMinutes(15));
      continued = workflow.status();
    }
    assertThat(waitsInTheNextRun(continued)).as("status %s", continued).isTrue();
    String since = continued.waitingFor().since();
    workflow.regionRecovered(new RecoverySignal("alice", "back"));
    ReconcileReport report = result(workflow);

    assertThat(continued.refusedSignals()).hasSize(1);
    assertThat(continued.stage()).isEqualTo(ReconcileStage.AWAIT_RECOVERY);
    assertThat(between(report.startedAt(), since)).isLessThan(Duration.ofMinutes(1));
    assertThat(report.recoveredBy()).isEqualTo("signal from alice: back");
    assertThat(report.outcome()).isNotEqualTo(ReconcileOutcome.REGION_UNREACHABLE);
    assertThat(workflow.status().refusedSignals()).hasSize(1);
    verify(reconcile).storeReport(any());
  }

  @Test
  void anOldRegionOutsideTheEstateIsRefused() {
    ReconcileRegionWorkflow workflow =
        client.newWorkflowStub(
            ReconcileRegionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(ReconcileRegionWorkflow.workflowId("orders"))
                .build());
    WorkflowClient.start(
        workflow::run, new ReconcileRequest("orders", "eu-west-1", WRITER, 0, null, "bob"));

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ReconcileReport.class))
        .rootCause()
        .hasMessageContaining("old region eu-west-1 is not a region of orders");
  }

  private static boolean waitsInTheNextRun(ReconcileStatus status) {
    return status.waitingFor() != null
        && status.waitingFor().probes() > RegionRecovery.PROBES_PER_RUN
        && status.waitingFor().nextProbeAt() != null;
  }

  private Estate withRecoveryTimeout(Duration timeout) {
    return new Estate(
        estate.app(),
        estate.regions(),
        estate.traffic(),
        estate.aurora(),
        estate.authority(),
        estate.pins(),
        estate.fleets(),
        estate.flags(),
        estate.approvals(),
        estate.guards(),
        estate.queues(),
        new Reconcile(estate.reconcile().tables(), timeout),
        estate.detection(),
        estate.rehearsal(),
        estate.preferredTargets(),
        estate.dependsOn(),
        estate.tier(),
        estate.aws());
  }

  private ReconcileRegionWorkflow start() {
    ReconcileRegionWorkflow workflow =
        client.newWorkflowStub(
            ReconcileRegionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(ReconcileRegionWorkflow.workflowId("orders"))
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    WorkflowClient.start(
        workflow::run,
        new ReconcileRequest("orders", OLD, WRITER, 1_700_000_000_000L, "failover-orders", "bob"));
    return workflow;
  }

  private static ReconcileReport result(ReconcileRegionWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(ReconcileReport.class);
  }

  private static Duration between(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to));
  }

  private static List<Finding> findings(ReconcileReport report) {
    return report.sections().stream().flatMap(s -> s.findings().stream()).toList();
  }

  private ReconcileStatus await(
      ReconcileRegionWorkflow workflow, Predicate<ReconcileStatus> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      ReconcileStatus status = workflow.status();
      if (until.test(status)) {
        return status;
      }
      assertThat(System.nanoTime()).as("status %s", status).isLessThan(deadline);
      env.sleep(Duration.ofMillis(50));
    }
  }
}
