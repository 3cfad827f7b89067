package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.FailoverActivityOptions.BULK;
import static dev.regionfailover.workflows.failover.FailoverActivityOptions.PROBE;
import static dev.regionfailover.workflows.failover.FailoverActivityOptions.SHORT;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.history.FailoverHistoryActivities;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;

/**
 * The recovery: ASSESS reads the state and decides the plan, AWAIT_APPROVAL shows it and waits,
 * then FENCE, SHIFT, PROMOTE, REPIN and ACTIVATE carry it out with the failover's own steps. It has
 * no compensations: a recovery that stops part-way is run again, and reads the state afresh.
 */
public class RecoverAuthorityWorkflowImpl extends OperatorHandling
    implements RecoverAuthorityWorkflow {

  private final AuroraActivities aurora = Workflow.newActivityStub(AuroraActivities.class, SHORT);
  private final QuotaBoundStub<DnsActivities> dns =
      new QuotaBoundStub<>(DnsActivities.class, SHORT);
  private final FleetActivities fleets = Workflow.newActivityStub(FleetActivities.class, SHORT);
  private final FlagActivities flags = Workflow.newActivityStub(FlagActivities.class, SHORT);
  private final QuotaBoundStub<TrafficActivities> traffic =
      new QuotaBoundStub<>(TrafficActivities.class, SHORT);
  private final AuthorityActivities probeLedger =
      Workflow.newActivityStub(AuthorityActivities.class, PROBE);
  private final FleetActivities probeFleets =
      Workflow.newActivityStub(FleetActivities.class, PROBE);
  private final FlagActivities probeFlags = Workflow.newActivityStub(FlagActivities.class, PROBE);

  private final StepRunner runner = new StepRunner(state, FailoverActivityOptions.PROBE_ATTEMPTS);

  private final RecoveryReading reading =
      new RecoveryReading(
          state,
          runner,
          Workflow.newActivityStub(EstateActivities.class, SHORT),
          Workflow.newActivityStub(FailoverHistoryActivities.class, SHORT),
          probeLedger,
          aurora,
          dns.reads(),
          traffic.reads(),
          probeFleets,
          probeFlags,
          Workflow.newActivityStub(PinActivities.class, BULK));
  private final PromotionApproval approval = new PromotionApproval(state);
  private final SagaEnd ending = new SagaEnd(state);
  private final RecoveryExecution execution =
      new RecoveryExecution(
          state,
          runner,
          Workflow.newActivityStub(AuthorityActivities.class, SHORT),
          probeLedger,
          aurora,
          dns,
          probeFleets,
          probeFlags,
          new TrafficShift(state, runner, dns, traffic),
          new EntityRepin(state, runner, Workflow.newActivityStub(PinActivities.class, BULK)),
          new Activation(state, runner, fleets, flags));

  @Override
  public FailoverResult run(RecoverRequest input) {
    state.startedAtMillis = Workflow.currentTimeMillis();
    RecoverRequest request =
        input == null ? new RecoverRequest(null, null, null, null) : input.withDefaults();
    state.request =
        new FailoverRequest(
            request.app(), null, FailoverMode.RECOVER, request.reason(), request.requestedBy());
    state.mode = FailoverMode.RECOVER;
    state.index();
    state.publish();
    try {
      RecoveryFacts facts = reading.read(request);
      RecoveryPlan plan = RecoveryPlan.decide(state.estate, facts);
      if (plan.refusal() != null) {
        throw state.assessmentFailure(plan.refusal());
      }
      propose(plan);
      if (plan.consistent()) {
        return ending.end(
            Phase.COMPLETED,
            "already consistent: "
                + plan.writer()
                + " writes ("
                + StatusText.authority(state.authority)
                + ") and traffic, the writer record, fleets and write flags agree; nothing was"
                + " changed");
      }
      requireApprovers(plan);
      state.checkAbort();
      String what =
          direction(plan) + " to " + plan.writer() + " with " + plan.actions().size() + " changes";
      if (!approval.obtain(what, plan.approvals())) {
        return ending.end(Phase.ABORTED, state.outcome + "; nothing was changed");
      }
      execution.execute(plan, facts);
      return ending.end(
          Phase.COMPLETED,
          plan.writer()
              + " is the writer of "
              + request.app()
              + " ("
              + StatusText.authority(state.authority)
              + "), after "
              + direction(plan)
              + "; traffic, the writer record, fleets and write flags agree with it");
    } catch (Interruption interruption) {
      return ending.end(Phase.ABORTED, interruption.getMessage() + "; nothing was changed");
    } catch (TemporalFailure failure) {
      throw failed(failure);
    }
  }

  /** Shows the plan: why, and each change, as findings that status and the UI list. */
  private void propose(RecoveryPlan plan) {
    state.request =
        new FailoverRequest(
            state.request.app(),
            plan.writer(),
            FailoverMode.RECOVER,
            state.request.reason(),
            state.request.requestedBy());
    state.source = plan.other();
    for (String reason : plan.reasons()) {
      state.findings.add(
          Finding.warn("recovery-reason", state.estate.app(), reason, direction(plan)));
    }
    for (RecoveryAction action : plan.actions()) {
      state.findings.add(
          Finding.warn(
              "recovery-change", action.region(), action.describe(), "approved before it is made"));
    }
    state.publish();
  }

  /** Refuses a plan no one may approve, before anything waits for it. */
  private void requireApprovers(RecoveryPlan plan) {
    List<String> approvers = state.estate.approvals().approvers();
    long eligible = approvers.stream().filter(a -> !a.equals(state.request.requestedBy())).count();
    if (eligible < plan.approvals()) {
      throw state.assessmentFailure(
          "recovery of "
              + state.request.app()
              + " needs "
              + plan.approvals()
              + " distinct approvers other than the requester "
              + state.request.requestedBy()
              + ", but the estate lists "
              + approvers);
    }
  }

  private static String direction(RecoveryPlan plan) {
    return plan.direction().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private RuntimeException failed(TemporalFailure failure) {
    if (failure instanceof ApplicationFailure own && state.phase == Phase.FAILED) {
      return own;
    }
    state.phase = Phase.FAILED;
    state.outcome =
        RootCause.message(failure)
            + (state.promotionStarted
                ? "; the recovery stopped part-way. Run ./failover recover "
                    + state.request.app()
                    + " again: it reads the state afresh"
                : "; nothing was changed");
    state.waitingFor = null;
    state.publish();
    return ApplicationFailure.newNonRetryableFailure(state.outcome, "RecoveryFailed");
  }
}
