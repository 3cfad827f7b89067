package dev.regionfailover.starter.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.TemporalTestService;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflow;
import dev.regionfailover.workflows.failover.RecoverRequest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./failover recover} end to end through picocli against a Temporal server, with fakes of
 * RegionFailover and RecoverAuthority; and the operator commands on the recovery it starts.
 */
class RecoverCommandTest {

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
  void recoveryWhileAFailoverRunsIsRefused() {
    String failoverRun = runId(startFailover());

    Run recover = temporal.run("recover", "orders", "--requested-by", "carol");

    assertThat(recover.exitCode()).isEqualTo(1);
    assertThat(recover.out()).isEmpty();
    assertThat(recover.err())
        .isEqualTo(
            "error: workflow failover-orders is still running (run "
                + failoverRun
                + ", type RegionFailover): a running failover is not stuck. Follow it with"
                + " ./failover status orders, or stop it with ./failover abort orders --by NAME"
                + " --reason TEXT or temporal workflow cancel --workflow-id failover-orders."
                + " Recovery is for a failover that was terminated or failed.\n");
    assertThat(latest().getWorkflowType()).isEqualTo("RegionFailover");
  }

  @Test
  void recoveryAfterATerminatedFailoverReadsThatRun() {
    String failoverRun = runId(startFailover());
    terminate();

    Run recover =
        temporal.run(
            "recover", "orders", "--reason", "worker fleet lost", "--requested-by", "carol");

    assertThat(recover.exitCode()).as(recover.err()).isZero();
    String recoveryRun = runId(recover);
    assertThat(recover.out())
        .isEqualTo(
            "Started recovery of orders.\n"
                + "  workflow  failover-orders\n"
                + "  run       "
                + recoveryRun
                + "\n"
                + "  reads     failover run "
                + failoverRun
                + " (TERMINATED)\n"
                + "\n"
                + "Next:\n"
                + "  ./failover status orders                           read its proposal:"
                + " which region, roll back or roll forward, and why\n"
                + "  ./failover approve orders --as NAME                approve the proposal;"
                + " two distinct approvers where data may be lost\n"
                + "  ./failover deny orders --as NAME --reason TEXT     refuse it; nothing"
                + " changes\n");
    assertThat(request(recoveryRun))
        .isEqualTo(new RecoverRequest("orders", "carol", "worker fleet lost", failoverRun));
    WorkflowExecutionDescription description = latest();
    assertThat(description.getWorkflowType()).isEqualTo(RecoverAuthorityWorkflow.TYPE);
    assertThat(description.getExecution().getRunId()).isEqualTo(recoveryRun);
    assertThat(description.getStaticSummary())
        .isEqualTo(
            "Recover authority of orders after failover run "
                + failoverRun
                + " (TERMINATED), requested by carol: worker fleet lost");
    assertThat(description.getStaticDetails())
        .startsWith("**RecoverAuthority** of `orders`: reads every ledger copy")
        .contains("- Interrupted failover: run `" + failoverRun + "` (TERMINATED)")
        .contains("`./failover approve orders --as NAME`");
  }

  @Test
  void recoveryWithoutAnEarlierFailoverReadsAwsAlone() {
    Run recover = temporal.run("recover", "orders", "--requested-by", "carol");

    assertThat(recover.exitCode()).as(recover.err()).isZero();
    String recoveryRun = runId(recover);
    assertThat(recover.out())
        .startsWith("Started recovery of orders.\n  workflow  failover-orders\n")
        .contains("  reads     no earlier failover found; recovery reads AWS alone\n");
    assertThat(request(recoveryRun)).isEqualTo(new RecoverRequest("orders", "carol", "", null));
    assertThat(latest().getStaticSummary())
        .isEqualTo(
            "Recover authority of orders (no earlier failover found; recovery reads AWS alone),"
                + " requested by carol");
  }

  @Test
  void aSecondRecoveryStillReadsTheFailoverBeforeTheFirstRecovery() {
    String failoverRun = runId(startFailover());
    terminate();
    recover();
    Run deny = temporal.run("deny", "orders", "--as", "bob", "--reason", "wrong proposal");
    assertThat(deny.exitCode()).as(deny.err()).isZero();
    assertThat(result().outcome()).isEqualTo(Phase.ABORTED);

    Run again = temporal.run("recover", "orders", "--requested-by", "dave");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("  reads     failover run " + failoverRun + " (TERMINATED)\n");
    assertThat(request(runId(again)).interruptedRunId()).isEqualTo(failoverRun);
  }

  @Test
  void aRunningRecoveryIsRefusedToo() {
    String recoveryRun = runId(recover());

    Run again = temporal.run("recover", "orders", "--requested-by", "dave");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .startsWith(
            "error: workflow failover-orders is still running (run "
                + recoveryRun
                + ", type RecoverAuthority): a running failover is not stuck.");
  }

  @Test
  void aServerThatCannotListRunsLeavesRecoveryToAwsOnceARecoveryRanSince() {
    temporal.close();
    temporal = TemporalTestService.withoutSchedules();
    String failoverRun = runId(startFailover());
    terminate();
    assertThat(request(runId(recover())).interruptedRunId())
        .as("the latest run is the failover: no listing needed")
        .isEqualTo(failoverRun);
    temporal.run("abort", "orders", "--by", "carol", "--reason", "try again");
    result();

    Run again = temporal.run("recover", "orders", "--requested-by", "dave");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("  reads     no earlier failover found; recovery reads AWS alone\n");
    assertThat(request(runId(again)).interruptedRunId()).isNull();
  }

  @Test
  void statusOfARecoveryRendersAsAFailoversDoes() throws Exception {
    recover();

    Run shown = temporal.run("status", "orders");
    Run json = temporal.run("status", "orders", "--json");

    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .startsWith("Failover of orders\n")
        .contains("  phase         AWAIT_APPROVAL")
        .contains("  requested by  carol")
        .contains("approval of the proposal: roll back to us-east-1");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode status = new ObjectMapper().readTree(json.out());
    assertThat(status.get("phase").asText()).isEqualTo("AWAIT_APPROVAL");
    assertThat(status.get("waitingFor").get("how").asText())
        .isEqualTo("./failover approve orders --as NAME");
  }

  @Test
  void approvalOfARecoveryIsAnsweredByIt() {
    recover();

    Run byRequester = temporal.run("approve", "orders", "--as", "carol");
    Run approve = temporal.run("approve", "orders", "--as", "alice", "--comment", "roll back");

    assertThat(byRequester.exitCode()).isEqualTo(1);
    assertThat(byRequester.out())
        .isEqualTo(
            "Sent approvePromotion to failover-orders: not accepted: the requester cannot approve"
                + " their own recovery\n");
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out())
        .isEqualTo(
            "Sent approvePromotion to failover-orders: accepted: approval 1 of 1 recorded;"
                + " rolling back\n");
    assertThat(result().outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(temporal.run("status", "orders").out()).contains("approvePromotion  alice");
  }

  @Test
  void denialOfARecoveryEndsIt() {
    recover();

    Run deny = temporal.run("deny", "orders", "--as", "bob", "--reason", "check Aurora first");

    assertThat(deny.exitCode()).as(deny.err()).isZero();
    assertThat(deny.out())
        .isEqualTo(
            "Sent denyPromotion to failover-orders: accepted: denial recorded; the recovery ends"
                + " ABORTED, nothing changed\n");
    assertThat(result().outcome()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void abortOfARecoveryEndsIt() {
    recover();

    Run abort = temporal.run("abort", "orders", "--by", "dave", "--reason", "wrong app");

    assertThat(abort.exitCode()).as(abort.err()).isZero();
    assertThat(abort.out())
        .isEqualTo("Sent abort to failover-orders: accepted: abort recorded; nothing changed\n");
    assertThat(result().outcome()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void aBlankRequesterIsAUsageError() {
    Run recover = Run.of(Run.NO_TEMPORAL, "recover", "orders", "--requested-by", " ");

    assertThat(recover.exitCode()).isEqualTo(2);
    assertThat(recover.err()).startsWith("error: --requested-by must not be blank\n");
  }

  private Run startFailover() {
    Run run = temporal.run("start", "orders", "--to", "us-west-2", "--requested-by", "carol");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private Run recover() {
    Run run = temporal.run("recover", "orders", "--requested-by", "carol");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private void terminate() {
    WorkflowStub failover =
        temporal.client().newUntypedWorkflowStub(FailoverRequest.workflowId("orders"));
    failover.terminate("killed mid-failover");
  }

  private WorkflowExecutionDescription latest() {
    return temporal
        .client()
        .newUntypedWorkflowStub(FailoverRequest.workflowId("orders"))
        .describe();
  }

  private FailoverResult result() {
    return temporal
        .client()
        .newUntypedWorkflowStub(FailoverRequest.workflowId("orders"))
        .getResult(FailoverResult.class);
  }

  /** The input the recovery run started with, as the workflow received it. */
  private RecoverRequest request(String runId) {
    Payloads input =
        temporal
            .client()
            .fetchHistory(FailoverRequest.workflowId("orders"), runId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return temporal
        .client()
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), RecoverRequest.class, RecoverRequest.class);
  }

  private static String runId(Run run) {
    Matcher matcher = RUN_ID.matcher(run.out());
    assertThat(matcher.find()).as("run id in %s", run.out()).isTrue();
    return matcher.group(1);
  }
}
