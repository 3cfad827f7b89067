package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.failover.FailoverChild;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.Comparator;

/**
 * Starts an UNPLANNED failover away from an impaired writer, once per impairment, to the healthy
 * region with the fewest impaired signals.
 *
 * <p>The failover is a child workflow with id {@code failover-<app>} whose parent-close policy is
 * ABANDON: it outlives the monitor's run, a second start is refused by Temporal itself (and
 * recorded as "already running"), and the start is awaited before the monitor continues as new, so
 * no decision is lost between runs.
 */
final class FailoverTrigger {

  private final MonitorRun run;
  private final WriterLookup writers;

  FailoverTrigger(MonitorRun run, AuthorityActivities ledger, AuroraActivities aurora) {
    this.run = run;
    this.writers = new WriterLookup(run, ledger, aurora);
  }

  void consider() {
    boolean unhandled =
        run.regions.stream()
            .anyMatch(
                r ->
                    r.verdict() == RegionVerdict.IMPAIRED && !r.region().equals(run.handledRegion));
    if (!unhandled) {
      return;
    }
    String current = writers.writer();
    if (current == null || current.equals(run.handledRegion)) {
      return;
    }
    RegionHealth writerHealth = run.health(current);
    if (writerHealth == null || writerHealth.verdict() != RegionVerdict.IMPAIRED) {
      return;
    }
    RegionHealth target =
        run.regions.stream()
            .filter(r -> !r.region().equals(current) && r.verdict() == RegionVerdict.HEALTHY)
            .min(
                Comparator.comparingLong(FailoverTrigger::impairedNow)
                    .thenComparingInt(FailoverTrigger::streakSum))
            .orElse(null);
    if (target == null) {
      run.note(
          "writer %s is impaired, but no other region is healthy to take over".formatted(current));
      return;
    }
    launch(writerHealth, target.region());
  }

  private void launch(RegionHealth source, String target) {
    String workflowId = FailoverRequest.workflowId(run.app);
    String monitorId = MonitorRequest.workflowId(run.app);
    String evidence =
        "%s (writer) impaired since %s: %s; %s healthy"
            .formatted(
                source.region(), source.verdictSince(), HealthVerdicts.evidence(source), target);
    RegionFailoverWorkflow child =
        Workflow.newChildWorkflowStub(
            RegionFailoverWorkflow.class,
            FailoverChild.options(run.app)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    Async.function(
        child::run,
        new FailoverRequest(
            run.app,
            target,
            FailoverMode.UNPLANNED,
            "RegionHealthMonitor %s: %s".formatted(monitorId, evidence),
            monitorId));
    try {
      WorkflowExecution execution = Workflow.getWorkflowExecution(child).get();
      run.failover =
          new FailoverLaunch(
              workflowId,
              execution.getRunId(),
              source.region(),
              target,
              MonitorRun.now(),
              true,
              evidence);
      run.note(
          "started UNPLANNED failover %s from %s to %s%s"
              .formatted(workflowId, source.region(), target, approvalNote()));
    } catch (ChildWorkflowFailure failure) {
      if (!(failure.getCause() instanceof WorkflowExecutionAlreadyStarted running)) {
        run.note(
            "starting failover %s failed: %s".formatted(workflowId, RootCause.message(failure)));
        return;
      }
      run.failover =
          new FailoverLaunch(
              workflowId, runId(running), source.region(), null, MonitorRun.now(), false, evidence);
      run.note(
          "writer %s is impaired, but failover %s is already running; not starting another"
              .formatted(source.region(), workflowId));
    }
    run.handledRegion = source.region();
    writers.forget();
  }

  /** The run that was already running; Temporal does not always say which (then null). */
  private static String runId(WorkflowExecutionAlreadyStarted running) {
    String runId = running.getExecution() == null ? "" : running.getExecution().getRunId();
    return runId.isEmpty() ? null : runId;
  }

  /** Who approves the promotion of a failover the monitor starts; see RegionFailover. */
  private String approvalNote() {
    if (run.detection.autoApprove() && run.estate.rehearsal()) {
      return "; it approves itself, because this rehearsal estate sets detection.autoApprove";
    }
    return "; it waits for people to approve the promotion";
  }

  private static long impairedNow(RegionHealth health) {
    return health.lastSample() == null ? 0 : health.lastSample().impairedCount();
  }

  private static int streakSum(RegionHealth health) {
    return health.impairedStreaks().values().stream().mapToInt(Integer::intValue).sum();
  }
}
