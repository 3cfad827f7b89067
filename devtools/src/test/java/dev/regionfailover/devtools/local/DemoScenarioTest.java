package dev.regionfailover.devtools.local;

import static dev.regionfailover.starter.FakeFailoverWorkflow.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.starter.FakeFailoverWorkflow;
import dev.regionfailover.starter.TemporalTestService;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.failover.FailoverClient;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.OperatorVerdict;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.SignalRecord;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.failover.WaitingFor;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.Workflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's narration and approval against fake workflows behind the real task queue. */
class DemoScenarioTest {

  private final StringWriter out = new StringWriter();

  @Test
  void approvesWhenAskedAndReturnsTheResult() {
    try (TemporalTestService temporal = new TemporalTestService()) {
      FailoverResult result = scenario(temporal, Duration.ofSeconds(30)).run();

      assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
      String text = out.toString();
      assertThat(text)
          .contains("started a PLANNED failover of orders to us-west-2: workflow failover-orders")
          .contains("phase AWAIT_APPROVAL")
          .contains("step check-readiness")
          .contains("approving the promotion as alice")
          .contains("approvePromotion accepted")
          .contains("step promote-aurora")
          .contains("phase COMPLETED");
      assertThat(text.indexOf("approving the promotion"))
          .isLessThan(text.indexOf("step promote-aurora"));
    }
  }

  @Test
  void refusedApprovalAbortsTheFailover() {
    try (TemporalTestService temporal = new TemporalTestService(RefusesEveryone.class)) {
      FailoverResult result = scenario(temporal, Duration.ofSeconds(30)).run();

      assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
      assertThat(out.toString())
          .contains("approvePromotion not accepted: nobody may approve")
          .contains("aborting: the demo's approval was not accepted: nobody may approve")
          .contains("phase ABORTED");
    }
  }

  @Test
  void failoverThatNeverEndsIsAbortedAtTheTimeout() {
    try (TemporalTestService temporal = new TemporalTestService(NeverEnds.class)) {
      assertThatThrownBy(() -> scenario(temporal, Duration.ofSeconds(2)).run())
          .isInstanceOf(CliFailure.class)
          .hasMessageContaining("the failover did not finish within 2 s; it was aborted");
      assertThat(out.toString()).contains("aborting: the demo timed out after 2 s");
    }
  }

  @Test
  void killWorkerCrashesTheWorkerWhileThePromotionRunsAndTheFailoverResumes() {
    try (TemporalTestService temporal = new TemporalTestService(SlowPromotion.class)) {
      List<String> crashes = new ArrayList<>();
      WorkerCrash crash =
          new WorkerCrash() {
            @Override
            public String kill() {
              temporal.killWorker();
              crashes.add("killed");
              return "in-process worker";
            }

            @Override
            public String startFresh() {
              temporal.startWorker();
              crashes.add("started");
              return "fresh in-process worker";
            }
          };
      DemoScenario scenario =
          new DemoScenario(
              new FailoverClient(temporal.client()),
              new PrintWriter(out, true),
              Duration.ofMillis(100),
              Duration.ofSeconds(60),
              crash);

      FailoverResult result = scenario.run();

      assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
      assertThat(crashes).containsExactly("killed", "started");
      assertThat(scenario.killedDuring()).contains("promote aurora");
      assertThat(result.steps())
          .extracting(StepStatus::name)
          .containsExactly("check-readiness", "promote aurora");
      String text = out.toString();
      assertThat(text)
          .contains(
              "killing the worker (in-process worker) with SIGKILL while step 'promote aurora'")
          .contains("a fresh worker (fresh in-process worker) took over")
          .contains("phase COMPLETED");
      assertThat(text.indexOf("approvePromotion accepted")).isLessThan(text.indexOf("killing"));
    }
  }

  @Test
  void withoutKillWorkerTheWorkerIsLeftAlone() {
    try (TemporalTestService temporal = new TemporalTestService(SlowPromotion.class)) {
      DemoScenario scenario = scenario(temporal, Duration.ofSeconds(30));

      assertThat(scenario.run().outcome()).isEqualTo(Phase.COMPLETED);
      assertThat(scenario.killedDuring()).isEmpty();
      assertThat(out.toString()).doesNotContain("killing");
    }
  }

  private DemoScenario scenario(TemporalTestService temporal, Duration timeout) {
    return new DemoScenario(
        new FailoverClient(temporal.client()),
        new PrintWriter(out, true),
        Duration.ofMillis(100),
        timeout);
  }

  /**
   * Approved, it runs a promotion step for three seconds of workflow time, so that the demo sees it
   * running; a timer, which the server keeps while no worker runs.
   */
  public static class SlowPromotion implements RegionFailoverWorkflow {
    private final List<StepStatus> steps = new ArrayList<>();
    private final List<SignalRecord> signals = new ArrayList<>();
    private FailoverRequest request;
    private Phase phase = Phase.ASSESS;

    @Override
    public FailoverResult run(FailoverRequest request) {
      this.request = request;
      steps.add(
          new StepStatus(
              "check-readiness", Phase.ASSESS, StepState.DONE, "t0", "t0", 10, "target ready"));
      phase = Phase.AWAIT_APPROVAL;
      Workflow.await(() -> !signals.isEmpty());
      phase = Phase.PROMOTE;
      steps.add(
          new StepStatus(
              "promote aurora", Phase.PROMOTE, StepState.RUNNING, "t1", null, 0, "switchover"));
      Workflow.sleep(Duration.ofSeconds(3));
      steps.set(
          1,
          new StepStatus(
              "promote aurora", Phase.PROMOTE, StepState.DONE, "t1", "t4", 3000, "writer moved"));
      phase = Phase.COMPLETED;
      return new FailoverResult(
          request.app(),
          FailoverMode.PLANNED,
          SOURCE,
          request.targetRegion(),
          phase,
          "slow failover COMPLETED",
          List.copyOf(steps),
          null,
          null,
          0,
          List.of(),
          3010);
    }

    @Override
    public void approvePromotion(ApprovalSignal signal) {
      signals.add(
          new SignalRecord(
              "approvePromotion", signal.approver(), signal.comment(), "t1", true, ""));
    }

    @Override
    public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
      approvePromotion(signal);
      return new OperatorVerdict(
          "approvePromotion", signal.approver(), "t1", phase, "promotion goes ahead");
    }

    @Override
    public void validateApprovePromotionUpdate(ApprovalSignal signal) {}

    @Override
    public void denyPromotion(DenialSignal signal) {}

    @Override
    public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
      return null;
    }

    @Override
    public void validateDenyPromotionUpdate(DenialSignal signal) {}

    @Override
    public void abort(AbortSignal signal) {}

    @Override
    public OperatorVerdict abortUpdate(AbortSignal signal) {
      return null;
    }

    @Override
    public void validateAbortUpdate(AbortSignal signal) {}

    @Override
    public void confirmFenced(ConfirmFencedSignal signal) {}

    @Override
    public OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal) {
      return null;
    }

    @Override
    public void validateConfirmFencedUpdate(ConfirmFencedSignal signal) {}

    @Override
    public void repinProgress(RepinProgress progress) {}

    @Override
    public FailoverStatus status() {
      return new FailoverStatus(
          request.app(),
          FailoverMode.PLANNED,
          SOURCE,
          request.targetRegion(),
          request.requestedBy(),
          request.reason(),
          phase,
          List.copyOf(steps),
          phase == Phase.AWAIT_APPROVAL
              ? new WaitingFor(
                  "approval of the promotion", "t0", "2099-01-01T00:00:00Z", "./failover approve")
              : null,
          List.of(),
          List.copyOf(signals),
          null,
          null,
          0,
          List.of(),
          phase == Phase.COMPLETED ? phase.name() : null,
          null);
    }
  }

  /** Refuses every approval. */
  public static class RefusesEveryone extends FakeFailoverWorkflow {
    @Override
    protected String refusal(String approver) {
      return "nobody may approve";
    }
  }

  /** Stays in ASSESS and ignores every signal and update. */
  public static class NeverEnds implements RegionFailoverWorkflow {
    private FailoverRequest request;

    @Override
    public FailoverResult run(FailoverRequest request) {
      this.request = request;
      // Nothing ends the wait: the demo must give up on its own.
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public void approvePromotion(ApprovalSignal signal) {}

    @Override
    public void denyPromotion(DenialSignal signal) {}

    @Override
    public void abort(AbortSignal signal) {}

    @Override
    public void confirmFenced(ConfirmFencedSignal signal) {}

    @Override
    public OperatorVerdict approvePromotionUpdate(ApprovalSignal signal) {
      return null;
    }

    @Override
    public void validateApprovePromotionUpdate(ApprovalSignal signal) {}

    @Override
    public OperatorVerdict denyPromotionUpdate(DenialSignal signal) {
      return null;
    }

    @Override
    public void validateDenyPromotionUpdate(DenialSignal signal) {}

    @Override
    public OperatorVerdict abortUpdate(AbortSignal signal) {
      return new OperatorVerdict("abort", signal.by(), null, Phase.ASSESS, "ignored");
    }

    @Override
    public void validateAbortUpdate(AbortSignal signal) {}

    @Override
    public OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal) {
      return null;
    }

    @Override
    public void validateConfirmFencedUpdate(ConfirmFencedSignal signal) {}

    @Override
    public void repinProgress(RepinProgress progress) {}

    @Override
    public FailoverStatus status() {
      return new FailoverStatus(
          request.app(),
          FailoverMode.parse(request.mode()),
          null,
          request.targetRegion(),
          request.requestedBy(),
          request.reason(),
          Phase.ASSESS,
          List.of(),
          null,
          List.of(),
          List.of(),
          null,
          null,
          0,
          List.of(),
          null,
          null);
    }
  }
}
