package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/**
 * RECONCILE: checks that the old primary rejoined as a secondary and how far it lags, then starts a
 * ReconcileRegion workflow that outlives this failover.
 */
final class Reconciliation {

  private final FailoverState state;
  private final StepRunner runner;
  private final GlobalCluster globalCluster;
  private final AuroraActivities aurora;
  private final AuroraActivities sourceAurora;

  /**
   * @param sourceAurora calls into the source region, with a bounded retry budget
   */
  Reconciliation(
      FailoverState state,
      StepRunner runner,
      GlobalCluster globalCluster,
      AuroraActivities aurora,
      AuroraActivities sourceAurora) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.globalCluster = requireNonNull(globalCluster, "globalCluster is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
    this.sourceAurora = requireNonNull(sourceAurora, "sourceAurora is null");
  }

  void reconcile() {
    state.enter(Phase.RECONCILE);
    String oldCluster = state.estate.aurora().cluster(state.source);
    AuroraTopology topology =
        runner.step(
            "check old primary", oldCluster, globalCluster::describe, t -> StepResults.describe(t));
    ClusterMember old = topology.member(oldCluster);
    if (old == null) {
      state.findings.add(
          Finding.fail(
              "aurora-old-primary-rejoined",
              oldCluster,
              "not a member of " + topology.globalCluster(),
              "a secondary member"));
    } else if (old.writer()) {
      state.findings.add(
          Finding.fail(
              "aurora-old-primary-rejoined", oldCluster, "still the writer", "a secondary member"));
    } else {
      state.findings.add(
          Finding.pass(
              "aurora-old-primary-rejoined", oldCluster, "secondary member", "a secondary member"));
    }
    Finding lag =
        runner.step(
            "check replication lag",
            oldCluster + " in " + state.source,
            () -> oldPrimaryLag(oldCluster),
            Finding::describe);
    state.findings.add(lag);
    if (Workflow.getVersion(
            RegionFailoverWorkflowImpl.RECONCILE_CHANGE, Workflow.DEFAULT_VERSION, 1)
        >= 1) {
      startReconcile();
    }
  }

  /**
   * Starts ReconcileRegion under its own id and abandons it, so that it goes on waiting for the old
   * region long after this failover has ended. One that is still running from an earlier failover
   * is left alone and named in a finding.
   */
  private void startReconcile() {
    FailoverRequest request = state.request;
    String source = state.source;
    String id = ReconcileRegionWorkflow.workflowId(request.app());
    ReconcileRegionWorkflow child =
        Workflow.newChildWorkflowStub(
            ReconcileRegionWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    int index = state.steps.start("start reconcile", state.phase, "workflow " + id);
    state.publish();
    Async.function(
        child::run,
        new ReconcileRequest(
            request.app(),
            source,
            request.targetRegion(),
            state.startedAtMillis,
            Workflow.getInfo().getWorkflowId(),
            request.requestedBy()));
    try {
      Workflow.getWorkflowExecution(child).get();
      state.steps.finish(
          index,
          StepState.DONE,
          id + " started; it waits for " + source + " to answer, then reports");
    } catch (ChildWorkflowFailure e) {
      state.steps.finish(index, StepState.SKIPPED, "not started: " + RootCause.message(e));
      state.findings.add(
          Finding.warn(
              "reconcile-started",
              id,
              "not started: " + RootCause.message(e),
              "a ReconcileRegion for this failover; once the running one ends, start one with"
                  + " ./failover reconcile start "
                  + request.app()
                  + " --old-region "
                  + source));
    }
    state.publish();
  }

  /** The old primary's lag; after an UNPLANNED failover its region may still be unreachable. */
  private Finding oldPrimaryLag(String oldCluster) {
    String source = state.source;
    LagRequest lag = new LagRequest(oldCluster, source, state.estate.aurora().maxLagSeconds());
    if (!state.dataLossAllowed()) {
      return aurora.lag(lag);
    }
    Finding finding = runner.reachable(() -> sourceAurora.lag(lag));
    return finding != null
        ? finding
        : Finding.warn(
            "aurora-replication-lag",
            oldCluster,
            source + " is unreachable",
            "the old primary to rejoin as a secondary once " + source + " returns");
  }
}
