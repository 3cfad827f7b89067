package dev.regionfailover.starter.ui;

import static dev.regionfailover.starter.EndToEndStack.APP;
import static dev.regionfailover.starter.EndToEndStack.SOURCE;
import static dev.regionfailover.starter.EndToEndStack.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.temporal.DevServerSettings;
import dev.regionfailover.starter.EndToEndStack;
import dev.regionfailover.starter.Run;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator approves, or denies, a failover's promotion in the Temporal UI, in headless Chromium:
 * the real dev server with its UI, the real worker and the emulated estate. The failover is started
 * by the CLI, so the page shows the CLI's summary. Screenshots of each stage are kept under {@code
 * target/ui-screenshots/<test>/}.
 */
@ExtendWith(AwsStackExtension.class)
class ApprovalInTheUiTest {

  private static final Path ARTIFACTS = Path.of("target", "ui-screenshots");
  private static final String WORKFLOW_ID = FailoverRequest.workflowId(APP);
  private static final String SUMMARY =
      "PLANNED failover of orders to us-west-2, requested by carol: quarterly rotation";

  private EndToEndStack stack;
  private EstateReadback estate;
  private Browser browser;
  private String ui;

  @BeforeEach
  void setUp(AwsStack aws, EmulatorClients clients, TestInfo test) throws Exception {
    String name = test.getTestMethod().orElseThrow().getName();
    int uiPort = FreePorts.loopback();
    stack =
        EndToEndStack.start(
            aws,
            clients,
            new DevServerSettings(FreePorts.loopback(), OptionalInt.of(uiPort), null),
            ARTIFACTS.resolve(name + "-worker.log"));
    estate = new EstateReadback(clients, stack.estate());
    ui = "http://127.0.0.1:" + uiPort;
    browser = new Browser(ARTIFACTS.resolve(name));
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (browser != null) {
        browser.screenshot("last");
        browser.savePageSource("last");
        browser.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  @Test
  void approvingInTheUiCompletesTheFailover() throws Exception {
    RegionFailoverWorkflow failover = startAndAwaitApproval();
    WorkflowPage page = openAndCheckWhatItShows();

    SignalForm form = page.history().openSignalForm();
    assertThat(form.options())
        .extracting(option -> option.lines().findFirst().orElse(""))
        .contains("approvePromotion", "denyPromotion", "abort", "confirmFenced");
    browser.screenshot("signal-list");
    String approval = "{\"approver\":\"alice\",\"comment\":\"approved in the UI\"}";
    form.choose("approvePromotion").input(approval);
    assertThat(form.inputText()).isEqualTo(approval);
    browser.screenshot("signal-form");
    form.submit();

    page.awaitStatus("Completed", Duration.ofMinutes(2));
    browser.screenshot("completed");
    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(10, TimeUnit.SECONDS, FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(failover.status().signals())
        .anySatisfy(
            signal -> {
              assertThat(signal.kind()).isEqualTo("approvePromotion");
              assertThat(signal.by()).isEqualTo("alice");
            });
    assertThat(page.userMetadata().renderedOnceOneShows("phase COMPLETED"))
        .anySatisfy(
            current ->
                assertThat(current)
                    .contains("DONE approval: approved by [alice]")
                    .contains("Outcome: us-west-2 is the writer of orders"));
    browser.screenshot("completed-details");
    assertThat(estate.ledger(TARGET).get("writerRegion").s()).isEqualTo(TARGET);
    assertThat(estate.writesEnabled(TARGET)).isEqualTo("true");
  }

  @Test
  void denyingInTheUiRestoresEverything() throws Exception {
    Map<String, String> before = estate.snapshot();
    RegionFailoverWorkflow failover = startAndAwaitApproval();
    assertThat(estate.writesEnabled(SOURCE)).as("fenced while it waits").isEqualTo("false");
    WorkflowPage page = openAndCheckWhatItShows();

    String denial = "{\"approver\":\"bob\",\"reason\":\"replication lag too high\"}";
    SignalForm form = page.history().openSignalForm().choose("denyPromotion").input(denial);
    assertThat(form.inputText()).isEqualTo(denial);
    browser.screenshot("signal-form");
    form.submit();

    page.awaitStatus("Completed", Duration.ofMinutes(2));
    FailoverResult result =
        WorkflowStub.fromTyped(failover).getResult(10, TimeUnit.SECONDS, FailoverResult.class);
    assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
    assertThat(page.userMetadata().renderedOnceOneShows("phase ABORTED")).isNotEmpty();
    browser.screenshot("aborted");
    assertThat(estate.snapshot()).isEqualTo(before);
    assertThat(estate.trafficTarget()).isEqualTo(before.get("traffic"));
    assertThat(estate.ledger(SOURCE).get("writerRegion").s()).isEqualTo(SOURCE);
    assertThat(estate.ledger(SOURCE).get("state").s()).isEqualTo("ACTIVE");
    assertThat(estate.writesEnabled(SOURCE)).isEqualTo("true");
  }

  /** Starts the failover through the CLI, as an operator would, and waits for AWAIT_APPROVAL. */
  private RegionFailoverWorkflow startAndAwaitApproval() {
    Run started =
        stack.cli(
            "start",
            APP,
            "--to",
            TARGET,
            "--reason",
            "quarterly rotation",
            "--requested-by",
            "carol");
    assertThat(started.exitCode()).as(started.err()).isZero();
    RegionFailoverWorkflow failover =
        stack.client().newWorkflowStub(RegionFailoverWorkflow.class, WORKFLOW_ID);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    FailoverStatus status = failover.status();
    while (status.phase() != Phase.AWAIT_APPROVAL) {
      assertThat(System.nanoTime())
          .as("AWAIT_APPROVAL not reached: %s", status)
          .isLessThan(deadline);
      sleep(Duration.ofMillis(300));
      status = failover.status();
    }
    return failover;
  }

  /** The page of the waiting failover: its summary, details and current details. */
  private WorkflowPage openAndCheckWhatItShows() {
    WorkflowPage page = WorkflowPage.open(browser, ui, "default", WORKFLOW_ID);
    browser.screenshot("workflow-page");
    List<String> rendered = page.userMetadata().renderedOnceOneShows("phase AWAIT_APPROVAL");
    assertThat(page.text()).contains("Summary", "Details", "Current Details");
    assertThat(rendered).contains(SUMMARY);
    assertThat(rendered)
        .anySatisfy(
            details ->
                assertThat(details)
                    .contains("RegionFailover of orders to us-west-2, mode PLANNED.")
                    .contains("Requested by: carol"));
    assertThat(rendered)
        .anySatisfy(
            current ->
                assertThat(current)
                    .contains("orders PLANNED us-east-1 -> us-west-2: phase AWAIT_APPROVAL")
                    .contains("Waiting for: approval to promote us-west-2")
                    .contains("approvePromotion"));
    browser.screenshot("waiting-for-approval");
    return page;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
