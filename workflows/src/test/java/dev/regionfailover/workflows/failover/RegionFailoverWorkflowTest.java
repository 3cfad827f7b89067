package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.SOURCE;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.SOURCE_FLEET;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.USW2;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.WRITER_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.input.RawJson;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.reconcile.ReconcileStage;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class RegionFailoverWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestSearchAttributes.registeredIn(TestWorkflowExtension.newBuilder())
          .registerWorkflowImplementationTypes(
              RegionFailoverWorkflowImpl.class,
              RepinEntitiesWorkflowImpl.class,
              WaitingReconcile.class)
          .setDoNotStart(true)
          .build();

  private final FailoverActivityMocks mocks = new FailoverActivityMocks();
  private FailoverHarness harness;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void plannedFailoverRunsEveryPhaseAndMovesAuthority() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    FailoverStatus waiting = failover.status();
    assertThat(waiting.authority().state()).isEqualTo(AuthorityState.FENCED);
    assertThat(waiting.authority().epoch()).isEqualTo(2);
    assertThat(waiting.waitingFor().how()).contains("approvePromotion");

    failover.approvePromotion(new ApprovalSignal("alice", "looks good"));
    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.sourceRegion()).isEqualTo(SOURCE);
    assertThat(result.authority().writerRegion()).isEqualTo(TARGET);
    assertThat(result.authority().state()).isEqualTo(AuthorityState.ACTIVE);
    assertThat(result.authority().epoch()).isEqualTo(3);
    assertThat(result.rpo().seconds()).isZero();
    assertThat(result.entitiesRepinned()).isEqualTo(100);
    assertThat(result.steps())
        .extracting(StepStatus::state)
        .doesNotContain(StepState.FAILED, StepState.RUNNING);
    assertThat(result.steps())
        .extracting(StepStatus::phase)
        .containsSubsequence(
            Phase.ASSESS,
            Phase.SHIFT,
            Phase.FENCE,
            Phase.AWAIT_APPROVAL,
            Phase.PROMOTE,
            Phase.REPIN,
            Phase.ACTIVATE,
            Phase.RECONCILE);
    assertThat(result.findings())
        .extracting(Finding::check)
        .contains("aurora-old-primary-rejoined", "aurora-replication-lag");
    assertThat(result.steps())
        .filteredOn(step -> step.name().equals("repin entities"))
        .singleElement()
        .satisfies(step -> assertThat(step.detail()).contains("100 of 100 moved", "repin-orders"));
    assertThat(result.steps())
        .filteredOn(step -> step.name().equals("start reconcile"))
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.state()).isEqualTo(StepState.DONE);
              assertThat(step.detail()).contains("reconcile-orders started");
            });
    ReconcileStatus reconcile =
        client
            .newWorkflowStub(
                ReconcileRegionWorkflow.class, ReconcileRegionWorkflow.workflowId("orders"))
            .status();
    assertThat(reconcile.oldRegion()).isEqualTo(SOURCE);
    assertThat(reconcile.writerRegion()).isEqualTo(TARGET);
    assertThat(reconcile.stage())
        .as("the reconciliation outlives the failover that started it")
        .isEqualTo(ReconcileStage.AWAIT_RECOVERY);

    verify(mocks.dns)
        .pointRecord(
            new PointRecordRequest(
                FakeEstate.orders().traffic().route53().zone(),
                "api.orders.example.com",
                "api-usw2.orders.example.com",
                60));
    verify(mocks.dns)
        .pointRecord(
            new PointRecordRequest(
                FakeEstate.orders().aurora().writerRecord().zone(),
                "writer.orders.internal",
                WRITER_ENDPOINT,
                30));
    verify(mocks.aurora, times(1)).promote(any());
    verify(mocks.fleets).scale(SOURCE_FLEET.stopped());
    verify(mocks.fleets).scale(SOURCE_FLEET.movedTo(TARGET, FakeEstate.orders().fleet(TARGET)));
    verify(mocks.flags).write(new FlagValue(SOURCE, "/orders/us-east-1/writes-enabled", "false"));
    verify(mocks.flags).write(new FlagValue(TARGET, "/orders/us-west-2/writes-enabled", "true"));
    assertThat(failover.status().phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void trafficLayersShiftInTheEstatesOrderAndComeBackOnDenial() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    assertThat(failover.status().steps())
        .extracting(StepStatus::name)
        .containsSubsequence(
            "read arc",
            "shift arc",
            "read globalAccelerator",
            "shift globalAccelerator",
            "shift route53");
    ArgumentCaptor<LayerState> applied = ArgumentCaptor.forClass(LayerState.class);
    verify(mocks.traffic, times(2)).apply(applied.capture());
    assertThat(applied.getAllValues())
        .extracting(LayerState::layer, LayerState::values)
        .containsExactly(
            tuple(TrafficLayer.ARC, Map.of(SOURCE, 0.0, TARGET, 1.0)),
            tuple(TrafficLayer.GLOBAL_ACCELERATOR, Map.of(SOURCE, 0.0, TARGET, 100.0)));

    failover.denyPromotion(new DenialSignal("bob", "not now"));
    result(failover);

    verify(mocks.traffic, times(4)).apply(applied.capture());
    assertThat(applied.getAllValues().subList(4, 6))
        .extracting(LayerState::layer, LayerState::values)
        .containsExactly(
            tuple(TrafficLayer.GLOBAL_ACCELERATOR, Map.of(SOURCE, 100.0, TARGET, 0.0)),
            tuple(TrafficLayer.ARC, Map.of(SOURCE, 1.0, TARGET, 0.0)));
  }

  @Test
  void denialUndoesEveryChangeAndEndsAborted() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.denyPromotion(new DenialSignal("bob", "replica looks stale"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("denied by bob");
    assertCompensated(result);
    verify(mocks.aurora, never()).promote(any());
  }

  @Test
  void approvalTimeoutUndoesEveryChange() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("no approval within PT1H");
    assertCompensated(result);
  }

  @Test
  void abortWhileAwaitingApprovalUndoesEveryChange() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.abort(new AbortSignal("dave", "the outage is over"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("aborted by dave");
    assertCompensated(result);
  }

  @Test
  void abortDuringShiftPutsTrafficBackAndChangesNothingElse() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(mocks.traffic.apply(
            argThat(l -> l != null && l.layer() == TrafficLayer.ARC && l.values().get(TARGET) > 0)))
        .thenAnswer(
            i -> {
              entered.countDown();
              release.await(10, TimeUnit.SECONDS);
              return i.getArgument(0);
            });
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    // The abort must arrive while the step runs, not before or after it.
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    failover.abort(new AbortSignal("dave", "wrong region"));
    release.countDown();

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("aborted by dave during SHIFT");
    ArgumentCaptor<LayerState> applied = ArgumentCaptor.forClass(LayerState.class);
    verify(mocks.traffic, times(2)).apply(applied.capture());
    assertThat(applied.getAllValues())
        .extracting(LayerState::values)
        .containsExactly(Map.of(SOURCE, 0.0, TARGET, 1.0), Map.of(SOURCE, 1.0, TARGET, 0.0));
    verify(mocks.dns, never()).pointRecord(any());
    verify(mocks.authority, never()).transition(any());
    verify(mocks.fleets, never()).scale(any());
    verify(mocks.flags, never()).write(any());
  }

  @Test
  void abortDuringFenceUndoesTheFenceAndTheShift() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(mocks.fleets.scale(SOURCE_FLEET.stopped()))
        .thenAnswer(
            i -> {
              entered.countDown();
              release.await(10, TimeUnit.SECONDS);
              return i.getArgument(0);
            });
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    failover.abort(new AbortSignal("dave", "wrong region"));
    release.countDown();

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("aborted by dave during FENCE");
    assertThat(result.authority().writerRegion()).isEqualTo(SOURCE);
    assertThat(result.authority().epoch()).isEqualTo(3);
    verify(mocks.fleets).scale(SOURCE_FLEET);
    verify(mocks.dns)
        .pointRecord(argThat(r -> r != null && r.value().equals("api-use1.orders.example.com")));
    verify(mocks.flags, never()).write(any());
  }

  @Test
  void signalPayloadsThatDoNotDecodeAreRecordedAsRefused() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    WorkflowStub stub = WorkflowStub.fromTyped(failover);
    stub.signal("approvePromotion", RawJson.of("\"alice\""));
    stub.signal("denyPromotion", RawJson.of("[\"bob\"]"));
    stub.signal("abort", RawJson.of("{\"by\":\"dave\",\"reason\":5}"));
    stub.signal("confirmFenced", RawJson.of("true"));

    FailoverStatus status = failover.status();

    assertThat(status.phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(status.signals())
        .extracting(
            SignalRecord::kind, SignalRecord::by, SignalRecord::accepted, SignalRecord::note)
        .containsExactly(
            tuple(
                "approvePromotion",
                null,
                false,
                "the payload must be a JSON object with the fields [approver, comment, identity], not a"
                    + " string \"alice\""),
            tuple(
                "denyPromotion",
                null,
                false,
                "the payload must be a JSON object with the fields [approver, reason], not an"
                    + " array [\"bob\"]"),
            tuple(
                "abort",
                "dave",
                false,
                "invalid payload: \"reason\" must be a string, not a number 5"),
            tuple(
                "confirmFenced",
                null,
                false,
                "the payload must be a JSON object with the fields [by, note], not a boolean true"));

    failover.approvePromotion(new ApprovalSignal("alice", "ok"));
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void unknownApproverAndSelfApprovalAreRecordedButDoNotCount() {
    RegionFailoverWorkflow failover = start("failover-orders", planned("alice"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("mallory", "let me"));
    failover.approvePromotion(new ApprovalSignal("alice", "my own request"));
    failover.approvePromotion(null);

    FailoverStatus status = failover.status();
    assertThat(status.phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(status.signals())
        .extracting(SignalRecord::accepted)
        .containsExactly(false, false, false);
    assertThat(status.signals().get(0).note()).contains("mallory is not an approver");
    assertThat(status.signals().get(1).note())
        .contains("alice requested this failover and cannot approve it");
    assertThat(status.signals().get(2).note()).contains("no \"approver\"");
    verify(mocks.aurora, never()).promote(any());

    failover.approvePromotion(new ApprovalSignal("bob", "ok"));
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void approvalSentBeforeTheWorkflowAsksDoesNotCount() {
    CountDownLatch release = new CountDownLatch(1);
    when(mocks.fleets.snapshot(any()))
        .thenAnswer(
            i -> {
              release.await(10, TimeUnit.SECONDS);
              return SOURCE_FLEET;
            });
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));
    awaitPhase(failover, Phase.FENCE);
    failover.approvePromotion(new ApprovalSignal("alice", "early"));
    release.countDown();
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    assertThat(failover.status().signals())
        .singleElement()
        .satisfies(s -> assertThat(s.note()).contains("not waiting for approval"));
    failover.approvePromotion(new ApprovalSignal("alice", "now"));
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void drillApprovesItself() {
    RegionFailoverWorkflow failover =
        start(
            "failover-orders",
            new FailoverRequest("orders", TARGET, FailoverMode.DRILL, "rehearsal", "scheduler"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.steps())
        .filteredOn(s -> s.name().equals("approval"))
        .singleElement()
        .extracting(StepStatus::state)
        .isEqualTo(StepState.SKIPPED);
    assertThat(result.authority().writerRegion()).isEqualTo(TARGET);
  }

  @Test
  void aReconciliationStillRunningIsNamedNotRestarted() {
    ReconcileRegionWorkflow earlier =
        client.newWorkflowStub(
            ReconcileRegionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(ReconcileRegionWorkflow.workflowId("orders"))
                .build());
    WorkflowClient.start(
        earlier::run,
        new ReconcileRequest("orders", "eu-west-1", SOURCE, 0L, "failover-earlier", "carol"));

    FailoverResult result =
        result(
            start(
                "failover-orders",
                new FailoverRequest(
                    "orders", TARGET, FailoverMode.DRILL, "rehearsal", "scheduler")));

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.steps())
        .filteredOn(step -> step.name().equals("start reconcile"))
        .singleElement()
        .extracting(StepStatus::state)
        .isEqualTo(StepState.SKIPPED);
    assertThat(result.findings())
        .filteredOn(finding -> finding.check().equals("reconcile-started"))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.verdict()).isEqualTo(Verdict.WARN);
              assertThat(finding.expected()).contains("./failover reconcile start orders");
            });
    assertThat(earlier.status().oldRegion())
        .as("the running reconciliation keeps its own request")
        .isEqualTo("eu-west-1");
  }

  @Test
  void abortAfterPromotionBeganIsRefused() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    when(mocks.aurora.promote(any()))
        .thenAnswer(
            i -> {
              release.await(10, TimeUnit.SECONDS);
              return new PromotionResult(USW2, WRITER_ENDPOINT, true);
            });
    RegionFailoverWorkflow failover =
        start(
            "failover-orders",
            new FailoverRequest("orders", TARGET, FailoverMode.DRILL, "rehearsal", "scheduler"));
    awaitPhase(failover, Phase.PROMOTE);
    failover.abort(new AbortSignal("dave", "too late"));
    release.countDown();

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(failover.status().signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.accepted()).isFalse();
              assertThat(s.note()).contains("promotion has begun");
            });
  }

  @Test
  void readinessFailureStopsBeforeAnyChange() {
    when(mocks.aurora.checkReadiness(any()))
        .thenReturn(List.of(Finding.fail("aurora-replication-lag", USW2, "42.0 s", "at most 5 s")));
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));

    assertThatThrownBy(() -> result(failover))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("aurora-replication-lag")
        .hasMessageContaining("observed 42.0 s");
    assertNothingChanged();
    assertThat(failover.status().phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void targetThatAlreadyWritesIsRefused() {
    RegionFailoverWorkflow failover =
        start(
            "failover-orders", new FailoverRequest("orders", SOURCE, (String) null, null, "carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("us-east-1 is already the writer of orders");
    assertNothingChanged();
  }

  @Test
  void targetOutsideTheEstateIsRefused() {
    RegionFailoverWorkflow failover =
        start(
            "failover-orders",
            new FailoverRequest("orders", "eu-west-1", (String) null, null, "carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("eu-west-1 is not a region of orders");
    assertNothingChanged();
  }

  @Test
  void unknownAppFailsBeforeAnyChange() {
    when(mocks.estates.load(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "no estate for app payments in /etc/estates (known: [orders])", "UnknownApp"));
    RegionFailoverWorkflow failover =
        start(
            "failover-payments",
            new FailoverRequest("payments", TARGET, (String) null, null, "carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("no estate for app payments");
    assertNothingChanged();
    assertThat(failover.status().phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void inputTypedByHandIsReadForgivinglyAndATypoFailsClearly(WorkflowClient client, Worker worker) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId("failover-orders")
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    WorkflowStub typo = client.newUntypedWorkflowStub(RegionFailoverWorkflow.TYPE, options);
    typo.start(
        Map.of("app", "orders", "targetRegion", TARGET, "mode", "PLANED", "requestedBy", "carol"));

    assertThatThrownBy(() -> typo.getResult(10, TimeUnit.SECONDS, FailoverResult.class))
        .rootCause()
        .hasMessageContaining("\"mode\" is PLANED, not one of [PLANNED, UNPLANNED, DRILL]");
    assertNothingChanged();

    WorkflowStub lowerCase = client.newUntypedWorkflowStub(RegionFailoverWorkflow.TYPE, options);
    lowerCase.start(
        Map.of(
            "app",
            "orders",
            "targetRegion",
            TARGET,
            "mode",
            "drill",
            "ticket",
            "OPS-42",
            "requestedBy",
            "carol"));

    assertThat(lowerCase.getResult(FailoverResult.class).outcome()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void workflowIdMustNameTheApp() {
    RegionFailoverWorkflow failover = start("my-own-id", planned("carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("must be failover-orders");
    assertNothingChanged();
  }

  @Test
  void secondFailoverOfTheSameAppIsRejected() {
    RegionFailoverWorkflow first = start("failover-orders", planned("carol"));
    awaitPhase(first, Phase.AWAIT_APPROVAL);

    assertThatThrownBy(() -> start("failover-orders", planned("erin")))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
  }

  @Test
  void failedStepBeforePromotionUndoesWhatWasDone() {
    when(mocks.flags.write(new FlagValue(SOURCE, "/orders/us-east-1/writes-enabled", "false")))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "parameter is managed elsewhere", "AccessDenied"));
    RegionFailoverWorkflow failover = start("failover-orders", planned("carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("parameter is managed elsewhere")
        .hasMessageContaining("every change was undone");
    assertThat(mocks.ledger().writerRegion()).isEqualTo(SOURCE);
    assertThat(mocks.ledger().epoch()).isEqualTo(3);
    verify(mocks.fleets).scale(SOURCE_FLEET);
    verify(mocks.aurora, never()).promote(any());
    assertThat(failover.status().phase()).isEqualTo(Phase.FAILED);
  }

  private void assertCompensated(FailoverResult result) {
    assertThat(result.authority().writerRegion()).isEqualTo(SOURCE);
    assertThat(result.authority().state()).isEqualTo(AuthorityState.ACTIVE);
    assertThat(result.authority().epoch()).isEqualTo(3);
    ArgumentCaptor<PointRecordRequest> records = ArgumentCaptor.forClass(PointRecordRequest.class);
    verify(mocks.dns, times(2)).pointRecord(records.capture());
    assertThat(records.getAllValues())
        .extracting(PointRecordRequest::value)
        .containsExactly("api-usw2.orders.example.com", "api-use1.orders.example.com");
    ArgumentCaptor<FleetCapacity> fleets = ArgumentCaptor.forClass(FleetCapacity.class);
    verify(mocks.fleets, times(2)).scale(fleets.capture());
    assertThat(fleets.getAllValues()).containsExactly(SOURCE_FLEET.stopped(), SOURCE_FLEET);
    verify(mocks.flags).write(new FlagValue(SOURCE, "/orders/us-east-1/writes-enabled", "true"));
    assertThat(result.steps()).filteredOn(s -> s.state() == StepState.COMPENSATED).hasSize(6);
    verify(mocks.traffic, times(4)).apply(any());
  }

  private void assertNothingChanged() {
    verify(mocks.dns, never()).pointRecord(any());
    verify(mocks.authority, never()).transition(any());
    verify(mocks.fleets, never()).scale(any());
    verify(mocks.flags, never()).write(any());
  }

  private static FailoverRequest planned(String requestedBy) {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.PLANNED, "quarterly rotation", requestedBy);
  }

  @Test
  void aRehearsalEstateThatOptsInLetsItsMonitorsFailoverApproveItself() {
    when(mocks.estates.load(any())).thenReturn(monitoredRehearsalEstate());
    RegionFailoverWorkflow failover =
        start(
            "failover-orders",
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "impaired", "monitor-orders"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.steps())
        .filteredOn(step -> step.name().equals("approval"))
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.state()).isEqualTo(StepState.SKIPPED);
              assertThat(step.detail()).contains("health monitor monitor-orders");
            });
  }

  @Test
  void onlyTheMonitorsOwnFailoverApprovesItselfEvenOnARehearsalEstate() {
    when(mocks.estates.load(any())).thenReturn(monitoredRehearsalEstate());
    RegionFailoverWorkflow failover =
        start(
            "failover-orders",
            new FailoverRequest("orders", TARGET, FailoverMode.UNPLANNED, "impaired", "carol"));

    harness.awaitWaitingFor(failover, "approval to promote");
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    failover.abort(new AbortSignal("carol", "test over"));
    assertThat(result(failover).outcome()).isEqualTo(Phase.ABORTED);
  }

  /** The example estate, marked as a rehearsal estate whose monitor may approve failovers. */
  private static Estate monitoredRehearsalEstate() {
    Estate orders = FakeEstate.orders();
    return new Estate(
        orders.app(),
        orders.regions(),
        orders.traffic(),
        orders.aurora(),
        orders.authority(),
        orders.pins(),
        orders.fleets(),
        orders.flags(),
        orders.approvals(),
        orders.guards(),
        orders.queues(),
        orders.reconcile(),
        new Detection(null, null, null, null, 0, true),
        true,
        orders.preferredTargets(),
        orders.dependsOn(),
        orders.tier(),
        orders.aws());
  }

  private RegionFailoverWorkflow start(String workflowId, FailoverRequest request) {
    return harness.start(workflowId, request);
  }

  private static FailoverResult result(RegionFailoverWorkflow failover) {
    return FailoverHarness.result(failover);
  }

  private void awaitPhase(RegionFailoverWorkflow failover, Phase phase) {
    harness.awaitPhase(failover, phase);
  }
}
