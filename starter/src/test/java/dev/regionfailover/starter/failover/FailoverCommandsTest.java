package dev.regionfailover.starter.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.TemporalTestService;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.SignalRecord;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Temporal commands end to end through picocli against a Temporal test service. */
class FailoverCommandsTest {

  private static final Pattern RUN_ID = Pattern.compile("run +([0-9a-f-]{36})");

  private TemporalTestService temporal;

  @BeforeEach
  void startTemporal() {
    temporal = new TemporalTestService();
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void startSendsTheRequestAndPrintsWhereToGoNext() {
    Run run =
        temporal.run(
            "start",
            "orders",
            "--to",
            "us-west-2",
            "--mode",
            "drill",
            "--reason",
            "rotation",
            "--requested-by",
            "bob");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "Started a DRILL failover of orders to us-west-2.\n  workflow  failover-orders\n")
        .contains("./failover status orders")
        .contains("./failover abort orders --by NAME --reason TEXT");
    FailoverStatus status = status("orders");
    assertThat(status.app()).isEqualTo("orders");
    assertThat(status.targetRegion()).isEqualTo("us-west-2");
    assertThat(status.mode()).isEqualTo(FailoverMode.DRILL);
    assertThat(status.reason()).isEqualTo("rotation");
    assertThat(status.requestedBy()).isEqualTo("bob");
    assertThat(runId(run)).isEqualTo(describeRunId("orders"));
    WorkflowExecutionDescription description =
        temporal.client().newUntypedWorkflowStub(FailoverRequest.workflowId("orders")).describe();
    assertThat(description.getStaticSummary())
        .isEqualTo("DRILL failover of orders to us-west-2, requested by bob: rotation");
    assertThat(description.getStaticDetails())
        .startsWith("**RegionFailover** of `orders` to `us-west-2`, mode DRILL.")
        .contains("A DRILL approves its own promotion.");
  }

  @Test
  void secondStartWhileOneRunsIsRefused() {
    Run first = start("orders");

    Run second = temporal.run("start", "orders", "--to", "us-east-1", "--requested-by", "dave");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .isEqualTo(
            "error: a failover of orders is already running (workflow failover-orders, run "
                + runId(first)
                + "): see ./failover status orders\n");
  }

  @Test
  void approvalByAnApproverCompletesAndStatusStillWorksAfterwards() {
    start("orders");

    Run approve = temporal.run("approve", "orders", "--as", "alice", "--comment", "lag is zero");

    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out())
        .isEqualTo(
            "Sent approvePromotion to failover-orders: accepted: approval 1 of 1 recorded;"
                + " promotion goes ahead\n");
    assertThat(result("orders").outcome()).isEqualTo(Phase.COMPLETED);
    FailoverStatus status = status("orders");
    assertThat(status.signals())
        .containsExactly(
            new SignalRecord(
                "approvePromotion",
                "alice",
                "lag is zero",
                status.signals().get(0).at(),
                true,
                ""));

    Run shown = temporal.run("status", "orders");
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("  phase         COMPLETED")
        .contains("  writer region  us-west-2")
        .contains("approvePromotion  alice")
        .contains("promote-aurora");
  }

  @Test
  void approvalTheWorkflowRefusesIsRejectedAtOnceWithTheReason() {
    start("orders");

    Run approve = temporal.run("approve", "orders", "--as", "carol");

    assertThat(approve.exitCode()).isEqualTo(1);
    assertThat(approve.out())
        .isEqualTo(
            "Sent approvePromotion to failover-orders: not accepted: the requester cannot approve"
                + " their own failover\n");
    assertThat(status("orders").phase()).isEqualTo(Phase.AWAIT_APPROVAL);
    assertThat(status("orders").signals()).as("a rejected update leaves no record").isEmpty();
  }

  @Test
  void approveVerifySignsTheApproversIdentityForThisRun() {
    start("orders");
    // The SDK's credential and region chains read these first, before the environment.
    System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
    System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    System.setProperty("aws.region", "eu-west-1");
    Run approve;
    try {
      approve = temporal.run("approve", "orders", "--as", "alice", "--verify");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      System.clearProperty("aws.region");
    }

    // The fake workflow refuses an identity that is malformed, expired or bound to another run.
    assertThat(approve.exitCode()).as(approve.out() + approve.err()).isZero();
    assertThat(status("orders").signals())
        .singleElement()
        .satisfies(
            signal -> assertThat(signal.note()).isEqualTo("identity signed for sts in eu-west-1"));
  }

  @Test
  void denialStopsTheFailover() {
    start("orders");

    Run deny = temporal.run("deny", "orders", "--as", "bob", "--reason", "lag too high");

    assertThat(deny.exitCode()).as(deny.err()).isZero();
    assertThat(deny.out())
        .isEqualTo(
            "Sent denyPromotion to failover-orders: accepted: denial recorded; the failover ends"
                + " ABORTED\n");
    assertThat(result("orders").outcome()).isEqualTo(Phase.ABORTED);
    SignalRecord signal = status("orders").signals().get(0);
    assertThat(signal.kind()).isEqualTo("denyPromotion");
    assertThat(signal.by()).isEqualTo("bob");
    assertThat(signal.text()).isEqualTo("lag too high");
  }

  @Test
  void abortStopsTheFailover() {
    start("orders");

    Run abort = temporal.run("abort", "orders", "--by", "carol", "--reason", "wrong region");

    assertThat(abort.exitCode()).as(abort.err()).isZero();
    assertThat(abort.out())
        .isEqualTo("Sent abort to failover-orders: accepted: abort recorded; rolled back\n");
    assertThat(result("orders").outcome()).isEqualTo(Phase.ABORTED);
    assertThat(status("orders").signals())
        .extracting(SignalRecord::kind, SignalRecord::by, SignalRecord::text)
        .containsExactly(tuple("abort", "carol", "wrong region"));
  }

  @Test
  void confirmFencedSendsWhoAndHow() {
    start("orders");

    Run confirm =
        temporal.run("confirm-fenced", "orders", "--by", "dave", "--note", "us-east-1 is cut off");

    assertThat(confirm.exitCode()).as(confirm.err()).isZero();
    assertThat(confirm.out())
        .isEqualTo(
            "Sent confirmFenced to failover-orders: accepted: fence confirmation recorded\n");
    assertThat(status("orders").signals())
        .extracting(SignalRecord::kind, SignalRecord::by, SignalRecord::text)
        .containsExactly(tuple("confirmFenced", "dave", "us-east-1 is cut off"));
  }

  @Test
  void confirmFencedNeedsANote() {
    Run confirm = temporal.run("confirm-fenced", "orders", "--by", "dave");

    assertThat(confirm.exitCode()).isEqualTo(2);
    assertThat(confirm.err()).contains("--note");
  }

  @Test
  void signalToAFinishedFailoverSaysSo() {
    Run started = start("orders");
    temporal.run("abort", "orders", "--by", "carol", "--reason", "wrong region");
    result("orders");

    Run approve = temporal.run("approve", "orders", "--as", "alice");

    assertThat(approve.exitCode()).isEqualTo(1);
    assertThat(approve.err())
        .startsWith(
            "error: cannot send approvePromotion: the failover of orders is not running (workflow"
                + " failover-orders, run "
                + runId(started)
                + ", COMPLETED at ")
        .endsWith("): see ./failover status orders\n");
  }

  @Test
  void signalAndStatusOfAnAppWithoutFailover() {
    Run approve = temporal.run("approve", "payments", "--as", "alice");
    Run status = temporal.run("status", "payments");

    String expected =
        "no failover of payments was found (no workflow failover-payments in namespace default):"
            + " start one with ./failover start payments --to REGION\n";
    assertThat(approve.exitCode()).isEqualTo(1);
    assertThat(approve.err()).isEqualTo("error: cannot send approvePromotion: " + expected);
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err()).isEqualTo("error: " + expected);
  }

  @Test
  void statusAsJson() throws Exception {
    start("orders");

    Run run = temporal.run("status", "orders", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("app").asText()).isEqualTo("orders");
    assertThat(json.get("phase").asText()).isEqualTo("AWAIT_APPROVAL");
    assertThat(json.get("waitingFor").get("how").asText())
        .isEqualTo("./failover approve orders --as NAME");
    assertThat(json.get("steps").get(0).get("name").asText()).isEqualTo("check-readiness");
    assertThat(json.get("authority").get("state").asText()).isEqualTo("FENCED");
    assertThat(run.out()).contains("\n  \"mode\" : \"PLANNED\"");
  }

  private Run start(String app) {
    Run run = temporal.run("start", app, "--to", "us-west-2", "--requested-by", "carol");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private FailoverStatus status(String app) {
    return temporal
        .client()
        .newWorkflowStub(RegionFailoverWorkflow.class, FailoverRequest.workflowId(app))
        .status();
  }

  private FailoverResult result(String app) {
    return temporal
        .client()
        .newUntypedWorkflowStub(FailoverRequest.workflowId(app))
        .getResult(FailoverResult.class);
  }

  private String describeRunId(String app) {
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(FailoverRequest.workflowId(app));
    return stub.describe().getExecution().getRunId();
  }

  private static String runId(Run run) {
    Matcher matcher = RUN_ID.matcher(run.out());
    assertThat(matcher.find()).as("run id in %s", run.out()).isTrue();
    return matcher.group(1);
  }
}
