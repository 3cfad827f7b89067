package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.SOURCE;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static dev.regionfailover.workflows.failover.FailoverActivityMocks.USW2;
import static dev.regionfailover.workflows.failover.FailoverHarness.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.aurora.PromoteRequest;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UNPLANNED failovers away from a source region that refuses every connection. */
class UnplannedFailoverWorkflowTest {

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

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    mocks.sourceUnreachable();
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void fencesWhatItReachesWaitsForConfirmationAndTwoApproversThenFailsOverWithDataLoss() {
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("carol"));
    harness.awaitWaitingFor(failover, "are isolated");

    FailoverStatus fencing = failover.status();
    assertThat(fencing.phase()).isEqualTo(Phase.FENCE);
    assertThat(fencing.unconfirmedFences())
        .containsExactly(
            "authority ledger copy failover-authority in us-east-1",
            "ECS service orders-use1/order-worker in us-east-1",
            "Auto Scaling group orders-batch-use1 in us-east-1",
            "event source mapping arn:aws:sqs:us-east-1:123456789012:orders-events -> orders-projector in us-east-1",
            "EventBridge rule default/orders-nightly-settlement in us-east-1",
            "schedule default/orders-invoice-run in us-east-1",
            "writes-enabled flag /orders/us-east-1/writes-enabled in us-east-1");
    assertThat(fencing.waitingFor().how()).contains("confirmFenced");
    assertThat(fencing.steps()).filteredOn(s -> s.state() == StepState.UNREACHABLE).hasSize(3);
    assertThat(fencing.authority().state()).isEqualTo(AuthorityState.FENCED);
    assertThat(fencing.rpo().seconds()).isEqualTo(3);
    assertThat(fencing.rpo().basis()).contains("2300 ms");

    failover.approvePromotion(new ApprovalSignal("alice", "too early"));
    failover.confirmFenced(new ConfirmFencedSignal("dave", "us-east-1 is cut off at the network"));
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    failover.approvePromotion(new ApprovalSignal("alice", "data loss accepted"));
    failover.approvePromotion(new ApprovalSignal("alice", "again"));
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    verify(mocks.aurora, never()).promote(any());
    failover.approvePromotion(new ApprovalSignal("bob", "data loss accepted"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.rpo().seconds()).isEqualTo(3);
    assertThat(result.authority().writerRegion()).isEqualTo(TARGET);
    assertThat(result.authority().epoch()).isEqualTo(3);
    verify(mocks.aurora).promote(new PromoteRequest("orders-global", USW2, TARGET, true));
    assertThat(failover.status().signals())
        .extracting(SignalRecord::kind, SignalRecord::by, SignalRecord::accepted)
        .containsExactly(
            tuple("approvePromotion", "alice", false),
            tuple("confirmFenced", "dave", true),
            tuple("approvePromotion", "alice", true),
            tuple("approvePromotion", "alice", false),
            tuple("approvePromotion", "bob", true));
    assertThat(result.findings())
        .filteredOn(f -> f.verdict() == Verdict.WARN)
        .extracting(Finding::check)
        .contains("authority-ledger-copy", "fleet-capacity", "aurora-replication-lag");
  }

  @Test
  void abortWhileAwaitingConfirmationUndoesWhatWasReached() {
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("carol"));
    harness.awaitWaitingFor(failover, "are isolated");
    failover.abort(new AbortSignal("dave", "us-east-1 is back"));

    FailoverResult result = result(failover);

    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(result.summary()).contains("aborted by dave while awaiting fence confirmation");
    assertThat(mocks.ledger().state()).isEqualTo(AuthorityState.ACTIVE);
    assertThat(mocks.ledger().writerRegion()).isEqualTo(SOURCE);
    assertThat(mocks.ledger().epoch()).isEqualTo(3);
    verify(mocks.dns)
        .pointRecord(
            argThat((PointRecordRequest r) -> r.value().equals("api-use1.orders.example.com")));
    verify(mocks.aurora, never()).promote(any());
  }

  @Test
  void requesterCannotBeOneOfTheTwoApprovers() {
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("alice"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("approvers-available")
        .hasMessageContaining("1 approver(s) of [alice, bob] other than the requester alice");
    verify(mocks.authority, never()).transition(any());
  }

  @Test
  void aConflictInAReachableRegionIsNotMistakenForAnOutage() {
    when(mocks.authority.transition(argThat(t -> t != null && t.regions().equals(List.of(TARGET)))))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "authority of orders in us-west-2 is at epoch 7; expected 1: someone else changed authority",
                "AuthorityConflict"));
    RegionFailoverWorkflow failover = harness.start("failover-orders", unplanned("carol"));

    assertThatThrownBy(() -> result(failover))
        .rootCause()
        .hasMessageContaining("someone else changed authority");
    assertThat(failover.status().phase()).isEqualTo(Phase.FAILED);
    verify(mocks.aurora, never()).promote(any());
  }

  private static FailoverRequest unplanned(String requestedBy) {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", requestedBy);
  }
}
