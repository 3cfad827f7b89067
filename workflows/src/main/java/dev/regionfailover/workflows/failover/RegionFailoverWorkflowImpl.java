package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityOptions.BULK;
import static dev.regionfailover.workflows.failover.FailoverActivityOptions.PROBE;
import static dev.regionfailover.workflows.failover.FailoverActivityOptions.SHORT;
import static dev.regionfailover.workflows.failover.FailoverActivityOptions.WAITING;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;

/**
 * The failover saga. Until PROMOTE begins, every forward step has a compensation registered before
 * it runs, and deny, abort, an approval timeout or a failed step undo what was done. From PROMOTE
 * on there is no automatic rollback: failing back is a new planned failover.
 *
 * <p>Each phase is a class of its own; they share one {@link FailoverState} and one {@link
 * StepRunner}, and are created with the activity stubs they call for every execution.
 */
public class RegionFailoverWorkflowImpl extends OperatorHandling implements RegionFailoverWorkflow {

  /** Change ids for Workflow.getVersion; each has a replay fixture of the behaviour before it. */
  static final String UNPLANNED_CHANGE = "unplanned-failover";

  static final String GUARDS_CHANGE = "assess-guards";

  static final String REPIN_CHANGE = "repin-child-workflow";

  static final String RECONCILE_CHANGE = "reconcile-workflow";

  static final String MONITOR_APPROVAL_CHANGE = "monitor-auto-approval";

  static final String REQUESTER_CHANGE = "requester-required";

  static final String VERIFIED_APPROVERS_CHANGE = "verified-approvers";

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final AuthorityActivities authorityLedger =
      Workflow.newActivityStub(AuthorityActivities.class, SHORT);
  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, SHORT);
  private final QuotaBoundStub<AuroraActivities> promotingAurora =
      new QuotaBoundStub<>(AuroraActivities.class, WAITING);
  private final QuotaBoundStub<DnsActivities> dns =
      new QuotaBoundStub<>(DnsActivities.class, SHORT);
  private final FleetActivities fleets = Workflow.newActivityStub(FleetActivities.class, SHORT);
  private final FlagActivities flags = Workflow.newActivityStub(FlagActivities.class, SHORT);
  private final PinActivities pins = Workflow.newActivityStub(PinActivities.class, BULK);
  private final GuardActivities guards = Workflow.newActivityStub(GuardActivities.class, SHORT);
  private final QuotaBoundStub<TrafficActivities> traffic =
      new QuotaBoundStub<>(TrafficActivities.class, SHORT);
  private final AuthorityActivities sourceLedger =
      Workflow.newActivityStub(AuthorityActivities.class, PROBE);
  private final AuroraActivities sourceAurora =
      Workflow.newActivityStub(AuroraActivities.class, PROBE);
  private final FleetActivities sourceFleets =
      Workflow.newActivityStub(FleetActivities.class, PROBE);
  private final FlagActivities sourceFlags = Workflow.newActivityStub(FlagActivities.class, PROBE);

  private final StepRunner runner = new StepRunner(state, FailoverActivityOptions.PROBE_ATTEMPTS);
  private final AuthorityLedger ledger = new AuthorityLedger(state, authorityLedger, sourceLedger);
  private final GlobalCluster globalCluster = new GlobalCluster(state, aurora);

  private final Assessment assessment =
      new Assessment(
          state,
          new RequestValidation(state),
          runner,
          ledger,
          globalCluster,
          estates,
          aurora,
          guards);
  private final TrafficShift trafficShift = new TrafficShift(state, runner, dns, traffic);
  private final Fencing fencing =
      new Fencing(state, runner, ledger, fleets, flags, sourceFleets, sourceFlags);
  private final PromotionApproval approval = new PromotionApproval(state);
  private final Promotion promotion = new Promotion(state, runner, ledger, promotingAurora, dns);
  private final EntityRepin repin = new EntityRepin(state, runner, pins);
  private final Activation activation = new Activation(state, runner, fleets, flags);
  private final Reconciliation reconciliation =
      new Reconciliation(state, runner, globalCluster, aurora, sourceAurora);
  private final SagaEnd end = new SagaEnd(state);

  @Override
  public FailoverResult run(FailoverRequest input) {
    state.startedAtMillis = Workflow.currentTimeMillis();
    state.request =
        input == null
            ? new FailoverRequest(null, null, (String) null, null, null)
            : input.withDefaults();
    state.index();
    state.publish();
    try {
      assessment.assess();
      trafficShift.shift();
      fencing.fence();
      if (!approval.obtain()) {
        return end.aborted(state.outcome);
      }
      promotion.promote();
      repin.repin();
      activation.activate();
      reconciliation.reconcile();
      return end.completed();
    } catch (Interruption interruption) {
      return end.aborted(interruption.getMessage());
    } catch (TemporalFailure failure) {
      throw end.failed(failure);
    }
  }

  @Override
  public void confirmFenced(ConfirmFencedSignal signal) {
    signals.confirmFenced(signal);
  }

  @Override
  public OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal) {
    return updates.confirmFenced(signal);
  }

  @Override
  public void validateConfirmFencedUpdate(ConfirmFencedSignal signal) {
    updates.validateConfirmFenced(signal);
  }
}
