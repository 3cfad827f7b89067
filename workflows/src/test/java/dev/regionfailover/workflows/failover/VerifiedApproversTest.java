package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityMocks.TARGET;
import static dev.regionfailover.workflows.failover.FailoverHarness.result;
import static dev.regionfailover.workflows.failover.FakeEstate.ALICE;
import static dev.regionfailover.workflows.failover.FakeEstate.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.identity.CallerIdentity;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.quota.QuotaTestWorkers;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verified approvers: on an estate that sets {@code approvals.verified}, an approval counts only
 * with a fresh, unused identity bound to this run that STS (a mock here, the emulator in the
 * activity's and the worker's tests) answers with the approver's own principal.
 */
class VerifiedApproversTest {

  private static final String ALICE_KEY = "AKIAALICE";
  private static final String BOB_KEY = "AKIABOB";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
  private TestWorkflowEnvironment env;
  private FailoverHarness harness;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    when(mocks.estates.load(any())).thenReturn(FakeEstate.verifiedOrders());
    // As STS does, the mock names the principal whose access key signed the request.
    Map<String, String> principals = Map.of(ALICE_KEY, ALICE, BOB_KEY, BOB);
    when(mocks.identities.callerIdentity(any()))
        .thenAnswer(
            i -> {
              SignedCallerIdentity identity = i.getArgument(0);
              String key = identity.header("Authorization").split("Credential=")[1].split("/")[0];
              return new CallerIdentity(principals.get(key), "123456789012", key);
            });
    worker.registerActivitiesImplementations(mocks.all());
    QuotaTestWorkers.register(env, mocks.all());
    env.start();
    harness = new FailoverHarness(env, client, worker.getTaskQueue());
  }

  @Test
  void aliceCountsWithHerOwnSignedRequest() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    OperatorVerdict verdict =
        failover.approvePromotionUpdate(approval("alice", signed(failover, ALICE_KEY)));

    assertThat(verdict.effect()).isEqualTo("approval 1 of 1 recorded; promotion goes ahead");
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(failover.status().signals())
        .containsExactly(
            new SignalRecord(
                "approvePromotion", "alice", "lgtm", verdict.at(), true, "verified as " + ALICE));
  }

  @Test
  void bobsSignatureSentAsAliceDoesNotCount() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    assertThat(
            notCounted(
                () ->
                    failover.approvePromotionUpdate(approval("alice", signed(failover, BOB_KEY)))))
        .isEqualTo(
            "the identity is signed by "
                + BOB
                + ", bob's principal, not by alice's principal "
                + ALICE);

    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(failover.status().signals())
        .singleElement()
        .satisfies(r -> assertThat(r.accepted()).isFalse());
    verify(mocks.aurora, never()).promote(any());
  }

  @Test
  void anApprovalWithoutAnIdentityIsRejectedNamingTheFlag() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));

    assertThat(
            rejection(() -> failover.approvePromotionUpdate(new ApprovalSignal("alice", "lgtm"))))
        .isEqualTo(
            "this app requires verified approvers: the approval needs an \"identity\", an"
                + " sts:GetCallerIdentity request signed with the approver's own AWS credentials;"
                + " send it with ./failover approve APP --as NAME --verify");
    assertThat(failover.status().waitingFor().how())
        .startsWith("./failover approve orders --as NAME --verify");
    verify(mocks.identities, never()).callerIdentity(any());
  }

  @Test
  void anExpiredRequestIsRejected() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));
    Instant twentyMinutesAgo =
        Instant.ofEpochMilli(env.currentTimeMillis()).minus(Duration.ofMinutes(20));
    SignedCallerIdentity expired = signed(binding(failover), ALICE_KEY, twentyMinutesAgo);

    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("alice", expired))))
        .startsWith("the identity expired: it was signed at ")
        .endsWith("counts for 15 minutes; sign a new one (./failover approve --verify)");
    verify(mocks.identities, never()).callerIdentity(any());
  }

  @Test
  void aRequestSignedForAnotherRunIsRejected() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("carol"));
    SignedCallerIdentity other =
        signed(
            "failover-orders/an-earlier-run",
            ALICE_KEY,
            Instant.ofEpochMilli(env.currentTimeMillis()));

    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("alice", other))))
        .isEqualTo(
            "the identity was signed for failover run failover-orders/an-earlier-run, not for"
                + " this one ("
                + binding(failover)
                + ")");
  }

  @Test
  void unplannedNeedsTwoDistinctPrincipalsAndARequestCountsOnce() {
    RegionFailoverWorkflow failover = awaitingUnplannedApproval("carol");
    SignedCallerIdentity alices = signed(failover, ALICE_KEY);

    assertThat(failover.approvePromotionUpdate(approval("alice", alices)).effect())
        .isEqualTo("approval 1 of 2 recorded; waiting for 1 more distinct approver");
    assertThat(rejection(() -> failover.approvePromotionUpdate(approval("bob", alices))))
        .isEqualTo(
            "the identity was already used by an earlier approval; each approval needs a newly"
                + " signed one (./failover approve --verify signs one)");
    assertThat(
            notCounted(
                () ->
                    failover.approvePromotionUpdate(approval("bob", signed(failover, ALICE_KEY)))))
        .isEqualTo(
            "the identity is signed by "
                + ALICE
                + ", alice's principal, not by bob's principal "
                + BOB);
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);

    assertThat(failover.approvePromotionUpdate(approval("bob", signed(failover, BOB_KEY))).effect())
        .isEqualTo("approval 2 of 2 recorded; promotion goes ahead");
    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    verify(mocks.identities, times(3)).callerIdentity(any());
  }

  @Test
  void theRequestersPrincipalCannotApprove() {
    RegionFailoverWorkflow failover = awaitingApproval(planned("alice"));

    assertThat(
            notCounted(
                () ->
                    failover.approvePromotionUpdate(approval("bob", signed(failover, ALICE_KEY)))))
        .isEqualTo(
            "the identity is signed by "
                + ALICE
                + ", the principal of alice who requested this failover and cannot approve it");
  }

  @Test
  void aSignalIsVerifiedAsTheUpdateIsAndAReusedOneIsRecordedAsRefused() {
    RegionFailoverWorkflow failover = awaitingUnplannedApproval("carol");
    SignedCallerIdentity alices = signed(failover, ALICE_KEY);

    failover.approvePromotion(approval("alice", alices));
    failover.approvePromotion(approval("bob", alices));
    failover.approvePromotion(approval("bob", signed(failover, BOB_KEY)));

    assertThat(result(failover).outcome()).isEqualTo(Phase.COMPLETED);
    // The reused request is refused at once, while STS may still be answering for alice's.
    assertThat(failover.status().signals())
        .filteredOn(r -> r.kind().equals("approvePromotion"))
        .extracting(SignalRecord::by, SignalRecord::accepted, SignalRecord::note)
        .containsExactlyInAnyOrder(
            tuple("alice", true, "verified as " + ALICE),
            tuple(
                "bob",
                false,
                "the identity was already used by an earlier approval; each approval needs a newly"
                    + " signed one (./failover approve --verify signs one)"),
            tuple("bob", true, "verified as " + BOB));
  }

  private RegionFailoverWorkflow awaitingApproval(FailoverRequest request) {
    RegionFailoverWorkflow failover = harness.start("failover-orders", request);
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    return failover;
  }

  private RegionFailoverWorkflow awaitingUnplannedApproval(String requestedBy) {
    mocks.sourceUnreachable();
    RegionFailoverWorkflow failover =
        harness.start(
            "failover-orders",
            new FailoverRequest(
                "orders", TARGET, FailoverMode.UNPLANNED, "us-east-1 is down", requestedBy));
    harness.awaitWaitingFor(failover, "are isolated");
    failover.confirmFencedUpdate(new ConfirmFencedSignal("dave", "cut off at the network"));
    harness.awaitPhase(failover, Phase.AWAIT_APPROVAL);
    return failover;
  }

  private SignedCallerIdentity signed(RegionFailoverWorkflow failover, String accessKey) {
    return signed(binding(failover), accessKey, Instant.ofEpochMilli(env.currentTimeMillis()));
  }

  /**
   * A request shaped as the CLI signs one. Its signature is random, not computed: the mocked STS
   * answers by access key, and the workflow only compares signatures.
   */
  private static SignedCallerIdentity signed(String binding, String accessKey, Instant at) {
    String signature = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    String date = AMZ_DATE.format(at);
    return new SignedCallerIdentity(
        "POST",
        "https://sts.us-east-1.amazonaws.com/",
        Map.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + accessKey
                + "/"
                + date.substring(0, 8)
                + "/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                + "x-region-failover-approval, Signature="
                + signature,
            "X-Amz-Date",
            date,
            SignedCallerIdentity.BINDING_HEADER,
            binding),
        SignedCallerIdentity.BODY);
  }

  private static String binding(RegionFailoverWorkflow failover) {
    return "failover-orders/" + WorkflowStub.fromTyped(failover).getExecution().getRunId();
  }

  private static ApprovalSignal approval(String approver, SignedCallerIdentity identity) {
    return new ApprovalSignal(approver, "lgtm", identity);
  }

  private static FailoverRequest planned(String requestedBy) {
    return new FailoverRequest(
        "orders", TARGET, FailoverMode.PLANNED, "quarterly rotation", requestedBy);
  }

  /** The reason the validator rejected an update with. */
  private static String rejection(Runnable update) {
    ApplicationFailure failure = failure(update);
    assertThat(failure.getType()).isNotEqualTo(OperatorUpdates.NOT_COUNTED);
    return failure.getOriginalMessage();
  }

  /** The reason an update that passed its validator did not count after STS answered. */
  private static String notCounted(Runnable update) {
    ApplicationFailure failure = failure(update);
    assertThat(failure.getType()).isEqualTo(OperatorUpdates.NOT_COUNTED);
    return failure.getOriginalMessage();
  }

  private static ApplicationFailure failure(Runnable update) {
    WorkflowUpdateException rejected =
        catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(rejected).as("the update was rejected").isNotNull();
    assertThat(rejected.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) rejected.getCause();
  }
}
