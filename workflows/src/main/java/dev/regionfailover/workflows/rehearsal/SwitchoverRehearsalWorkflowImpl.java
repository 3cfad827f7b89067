package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.FailoverChild;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * A rehearsal as child workflows: ReadinessCheck, a DRILL RegionFailover to the target, a hold with
 * a ReadinessCheck of the way back at every interval, and a DRILL RegionFailover back. Any failed
 * check or step fails the rehearsal at once, non-retryably, saying where the writer is left.
 */
public class SwitchoverRehearsalWorkflowImpl implements SwitchoverRehearsalWorkflow {

  /** Change id for Workflow.getVersion: a rehearsal without a requester is refused. */
  static final String REQUESTER_CHANGE = "requester-required";

  private static final Logger log = Workflow.getLogger(SwitchoverRehearsalWorkflowImpl.class);

  private final RehearsalSteps steps = new RehearsalSteps();
  private final List<Finding> healthFindings = new ArrayList<>();

  private RehearsalRequest request;
  private RehearsalPlan plan;
  private String source;
  private RehearsalPhase phase = RehearsalPhase.READINESS;
  private List<Finding> readiness = List.of();
  private List<Finding> lastHealthFindings = List.of();
  private String runningWorkflowId;
  private String holdUntil;
  private int healthChecks;
  private SwitchoverLeg switchover;
  private SwitchoverLeg switchBack;
  private String outcome;
  private long startedAtMillis;

  @Override
  public RehearsalResult run(RehearsalRequest input) {
    startedAtMillis = Workflow.currentTimeMillis();
    request = input;
    publish();
    try {
      plan = RehearsalPlan.from(withLegacyRequester(input));
    } catch (InvalidRehearsalRequest e) {
      throw fail("InvalidRehearsalRequest", e.getMessage());
    }
    SearchAttributeUpserts.app(plan.app());
    ReadinessReport ready =
        checkReadiness(
            "check readiness",
            Workflow.getInfo().getWorkflowId() + "-readiness",
            plan.targetRegion());
    readiness = ready.findings();
    source = ready.sourceRegion();
    switchover = switchTo(plan.targetRegion(), RehearsalPhase.SWITCH_OVER, "switch over to ");
    hold();
    if (!plan.rotate()) {
      switchBack = switchTo(source, RehearsalPhase.SWITCH_BACK, "switch back to ");
    }
    return complete();
  }

  /**
   * Rehearsals started before the requester was required ran as "unspecified"; their histories
   * replay so. A new one without a requester fails validation.
   */
  private static RehearsalRequest withLegacyRequester(RehearsalRequest input) {
    if (input == null
        || (input.requestedBy() != null && !input.requestedBy().isBlank())
        || Workflow.getVersion(REQUESTER_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION) {
      return input;
    }
    return new RehearsalRequest(
        input.app(),
        input.targetRegion(),
        input.holdFor(),
        input.checkEvery(),
        input.returnAfter(),
        input.rotate(),
        input.reason(),
        "unspecified");
  }

  @Override
  public RehearsalStatus status() {
    return new RehearsalStatus(
        plan != null ? plan.app() : request == null ? null : request.app(),
        source,
        plan != null ? plan.targetRegion() : request == null ? null : request.targetRegion(),
        plan != null && plan.rotate(),
        plan == null ? null : plan.holdFor().toString(),
        plan == null ? null : plan.requestedBy(),
        phase,
        steps.all(),
        runningWorkflowId,
        holdUntil,
        healthChecks,
        lastHealthFindings,
        switchover,
        switchBack,
        outcome);
  }

  /**
   * Runs one ReadinessCheck child for a failover of the app to {@code target} and fails the
   * rehearsal on any FAIL finding.
   */
  private ReadinessReport checkReadiness(String name, String workflowId, String target) {
    ReadinessCheckWorkflow check =
        Workflow.newChildWorkflowStub(
            ReadinessCheckWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
    int index =
        steps.start(name, phase, workflowId, "readiness of " + plan.app() + " to " + target);
    runningWorkflowId = workflowId;
    publish();
    ReadinessReport report;
    try {
      report = check.run(new ReadinessRequest(plan.app(), target));
    } catch (TemporalFailure e) {
      steps.finish(index, StepState.FAILED, RootCause.message(e));
      throw fail(
          "RehearsalFailed",
          name + " (workflow " + workflowId + ") failed: " + RootCause.message(e));
    } finally {
      runningWorkflowId = null;
    }
    List<String> failed =
        report.findings().stream()
            .filter(f -> f.verdict() == Verdict.FAIL)
            .map(Finding::describe)
            .toList();
    if (!failed.isEmpty()) {
      steps.finish(index, StepState.FAILED, failed.size() + " check(s) failed");
      throw fail(
          "NotReady",
          name
              + ": "
              + target
              + " is not ready to take over "
              + plan.app()
              + " (workflow "
              + workflowId
              + "):\n  "
              + String.join("\n  ", failed));
    }
    steps.finish(index, StepState.DONE, summarize(report));
    publish();
    return report;
  }

  /** Runs one DRILL failover as a child under the app's failover id, and measures it. */
  private SwitchoverLeg switchTo(String to, RehearsalPhase legPhase, String verb) {
    phase = legPhase;
    String workflowId = FailoverRequest.workflowId(plan.app());
    // A cancelled or terminated rehearsal leaves the failover to finish on its own; it is followed
    // with ./failover status.
    RegionFailoverWorkflow failover =
        Workflow.newChildWorkflowStub(
            RegionFailoverWorkflow.class, FailoverChild.options(plan.app()).build());
    String reason =
        "rehearsal "
            + Workflow.getInfo().getWorkflowId()
            + ": "
            + verb
            + to
            + (plan.reason().isEmpty() ? "" : " (" + plan.reason() + ")");
    int index = steps.start(verb + to, phase, workflowId, "DRILL failover, " + reason);
    runningWorkflowId = workflowId;
    log.info("rehearsal of {}: {}{} as workflow {}", plan.app(), verb, to, workflowId);
    publish();
    FailoverResult result;
    try {
      result =
          failover.run(
              new FailoverRequest(plan.app(), to, FailoverMode.DRILL, reason, plan.requestedBy()));
    } catch (TemporalFailure e) {
      steps.finish(index, StepState.FAILED, RootCause.message(e));
      throw fail(
          "RehearsalFailed",
          verb
              + to
              + " failed (workflow "
              + workflowId
              + "): "
              + RootCause.message(e)
              + ". See ./failover status "
              + plan.app()
              + " for which region holds authority now");
    } finally {
      runningWorkflowId = null;
    }
    if (result.outcome() != Phase.COMPLETED) {
      steps.finish(index, StepState.FAILED, result.summary());
      throw fail(
          "RehearsalFailed",
          verb
              + to
              + " ended "
              + result.outcome()
              + " (workflow "
              + workflowId
              + "): "
              + result.summary());
    }
    SwitchoverLeg leg;
    try {
      leg = SwitchoverLeg.measure(workflowId, result);
    } catch (IllegalArgumentException e) {
      steps.finish(index, StepState.FAILED, e.getMessage());
      throw fail("RehearsalFailed", e.getMessage() + "; " + to + " writes now");
    }
    if (leg.rpoSeconds() == null || leg.rpoSeconds() != 0) {
      steps.finish(index, StepState.FAILED, "RPO " + leg.rpoSeconds() + " s: " + leg.rpoBasis());
      throw fail(
          "RpoNotZero",
          verb
              + to
              + " reported an RPO of "
              + (leg.rpoSeconds() == null ? "unknown" : leg.rpoSeconds() + " s")
              + " ("
              + leg.rpoBasis()
              + ") where a switchover must lose nothing; "
              + to
              + " writes now; check the global cluster for lost writes before anything else");
    }
    steps.finish(
        index,
        StepState.DONE,
        "traffic shifted after "
            + leg.trafficShiftedAfterMillis()
            + " ms, writes unavailable for "
            + leg.writeUnavailableMillis()
            + " ms, RPO 0 s");
    publish();
    return leg;
  }

  /**
   * Stays in the target for the hold, reading its health at every interval with a ReadinessCheck of
   * the way back: that checks the new writer (ledger, Aurora writer and topology, guards) and that
   * the original region can take over again.
   */
  private void hold() {
    phase = RehearsalPhase.HOLD;
    long until = Workflow.currentTimeMillis() + plan.holdFor().toMillis();
    holdUntil = Instant.ofEpochMilli(until).toString();
    int index =
        steps.start(
            "hold in " + plan.targetRegion(),
            phase,
            null,
            "until " + holdUntil + ", health read every " + plan.checkEvery());
    publish();
    do {
      long remaining = until - Workflow.currentTimeMillis();
      Workflow.sleep(Duration.ofMillis(Math.min(plan.checkEvery().toMillis(), remaining)));
      healthChecks++;
      ReadinessReport health;
      try {
        health =
            checkReadiness(
                "health check " + healthChecks,
                Workflow.getInfo().getWorkflowId() + "-health-" + healthChecks,
                source);
      } catch (ApplicationFailure e) {
        steps.finish(index, StepState.FAILED, "health check " + healthChecks + " failed");
        throw e;
      }
      lastHealthFindings = health.findings();
      if (!plan.targetRegion().equals(health.sourceRegion())) {
        steps.finish(index, StepState.FAILED, "writer is " + health.sourceRegion());
        throw fail(
            "RehearsalFailed",
            "health check "
                + healthChecks
                + " found "
                + health.sourceRegion()
                + " writing where "
                + plan.targetRegion()
                + " should since the switch-over; something else moved authority");
      }
      for (Finding finding : health.findings()) {
        if (finding.verdict() != Verdict.PASS
            && healthFindings.stream().noneMatch(f -> f.describe().equals(finding.describe()))) {
          healthFindings.add(finding);
        }
      }
      steps.progress(index, healthChecks + " health check(s) passed, until " + holdUntil);
      publish();
    } while (Workflow.currentTimeMillis() < until);
    steps.finish(
        index,
        StepState.DONE,
        healthChecks
            + " health check(s) passed"
            + (healthFindings.isEmpty() ? "" : ", " + healthFindings.size() + " warning(s)"));
    publish();
  }

  private RehearsalResult complete() {
    phase = RehearsalPhase.COMPLETED;
    long total = Workflow.currentTimeMillis() - startedAtMillis;
    long toTraffic = Instant.parse(switchover.trafficShiftedAt()).toEpochMilli() - startedAtMillis;
    String writer = plan.rotate() ? plan.targetRegion() : source;
    outcome =
        (plan.rotate()
                ? plan.targetRegion() + " took over " + plan.app() + " and keeps it (rotation)"
                : plan.targetRegion()
                    + " took over "
                    + plan.app()
                    + " for "
                    + plan.holdFor()
                    + " and handed it back to "
                    + source)
            + "; traffic shifted "
            + toTraffic
            + " ms after the start, writes unavailable for "
            + switchover.writeUnavailableMillis()
            + " ms"
            + (switchBack == null
                ? ""
                : " (" + switchBack.writeUnavailableMillis() + " ms on the way back)")
            + ", RPO 0 s, "
            + healthChecks
            + " health check(s) passed";
    publish();
    log.info("rehearsal of {} completed: {}", plan.app(), outcome);
    return new RehearsalResult(
        plan.app(),
        source,
        plan.targetRegion(),
        plan.rotate(),
        plan.holdFor().toString(),
        plan.requestedBy(),
        phase,
        outcome,
        writer,
        steps.all(),
        readiness,
        healthChecks,
        List.copyOf(healthFindings),
        switchover,
        switchBack,
        toTraffic,
        switchover.writeUnavailableMillis(),
        0,
        total);
  }

  private ApplicationFailure fail(String type, String message) {
    phase = RehearsalPhase.FAILED;
    outcome = message;
    publish();
    log.warn("rehearsal {} failed: {}", Workflow.getInfo().getWorkflowId(), message);
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }

  private void publish() {
    Workflow.setCurrentDetails(RehearsalText.details(status()));
  }

  private static String summarize(ReadinessReport report) {
    long warnings = report.findings().stream().filter(f -> f.verdict() == Verdict.WARN).count();
    return report.findings().size()
        + " checks, none failed, writer "
        + report.sourceRegion()
        + (warnings == 0 ? "" : ", " + warnings + " warning(s)");
  }
}
