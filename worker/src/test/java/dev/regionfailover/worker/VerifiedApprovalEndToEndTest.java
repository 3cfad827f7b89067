package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static dev.regionfailover.worker.FailoverEndToEndTest.awaitPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.regionfailover.activities.identity.CallerIdentitySigner;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.IamUser;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified approvers end to end: the worker's real identity activity asks the emulator's STS who
 * signed each approval, with two IAM users who each have their own access key.
 */
@ExtendWith(AwsStackExtension.class)
class VerifiedApprovalEndToEndTest {

  private AwsStack stack;
  private IamUser alice;
  private IamUser bob;
  private InProcessWorker worker;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws, @TempDir Path estates) throws Exception {
    this.stack = stack;
    alice = IamUser.create(aws, "alice");
    bob = IamUser.create(aws, "bob");
    String approvers = "  approvers: [alice, bob]\n";
    String yaml = Files.readString(ESTATES.resolve("orders.yaml"));
    assertThat(yaml).contains(approvers);
    Files.writeString(
        estates.resolve("orders.yaml"),
        yaml.replace(
            approvers,
            approvers
                + "  verified:\n    principals:\n      alice: "
                + alice.arn()
                + "\n      bob: "
                + bob.arn()
                + "\n"));
    new EstateProvisioner(aws)
        .provision(
            EstateParser.parse(Files.readString(estates.resolve("orders.yaml")), "orders.yaml"),
            10);
    stack.standIn().setPromotionDuration(Duration.ofSeconds(1));
    worker = new InProcessWorker(stack, estates, Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  @Test
  void onlyTheApproversOwnCredentialsCountForThem() {
    RegionFailoverWorkflow failover =
        worker.start(
            new FailoverRequest(
                "orders", TARGET, FailoverMode.PLANNED, "verified approval test", "carol"));
    awaitPhase(failover, Phase.AWAIT_APPROVAL);

    ApplicationFailure impersonation =
        failure(
            () ->
                failover.approvePromotionUpdate(
                    new ApprovalSignal("alice", "lgtm", signedBy(bob, failover))));
    assertThat(impersonation.getOriginalMessage())
        .isEqualTo(
            "the identity is signed by "
                + bob.arn()
                + ", bob's principal, not by alice's principal "
                + alice.arn());
    assertThat(failover.status().phase()).isEqualTo(Phase.AWAIT_APPROVAL);

    SignedCallerIdentity alices = signedBy(alice, failover);
    assertThat(failover.approvePromotionUpdate(new ApprovalSignal("alice", "lgtm", alices)).by())
        .isEqualTo("alice");

    FailoverResult result = WorkflowStub.fromTyped(failover).getResult(FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(failover.status().signals())
        .filteredOn(r -> r.accepted())
        .singleElement()
        .satisfies(r -> assertThat(r.note()).isEqualTo("verified as " + alice.arn()));
  }

  private SignedCallerIdentity signedBy(IamUser user, RegionFailoverWorkflow failover) {
    String binding =
        FailoverRequest.workflowId("orders")
            + "/"
            + WorkflowStub.fromTyped(failover).getExecution().getRunId();
    return new CallerIdentitySigner(user.credentials(), Clock.systemUTC())
        .sign(stack.endpoint(), "us-east-1", binding);
  }

  private static ApplicationFailure failure(Runnable update) {
    WorkflowUpdateException rejected =
        catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(rejected).as("the update was rejected").isNotNull();
    assertThat(rejected.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) rejected.getCause();
  }
}
