package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.account.AppAccount;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Waits for the old region of a failover to answer again ({@link RegionRecovery}), then checks
 * Aurora ({@link AuroraChecks}), the authority ledger copy, replicated tables and queues ({@link
 * DataChecks}), and stores the report in the audit trail ({@link ReportStore}). Gives up after the
 * estate's recovery timeout with a report that the region is still unreachable. A check that fails
 * is a finding of the report, not a failure of the workflow.
 */
public class ReconcileRegionWorkflowImpl implements ReconcileRegionWorkflow {

  private static final Logger log = Workflow.getLogger(ReconcileRegionWorkflowImpl.class);

  /** Change id for Workflow.getVersion: a reconcile without a requester is refused. */
  static final String REQUESTER_CHANGE = "requester-required";

  private static final ActivityOptions PROBE =
      AwsActivityOptions.singleAttempt(Duration.ofSeconds(30));

  private static final ActivityOptions SHORT =
      AwsActivityOptions.persistent(Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS);

  /**
   * Calls into the old region, which answered a probe but may fail again: a bounded budget, so the
   * report says what could not be checked instead of retrying for long.
   */
  private static final ActivityOptions OLD_REGION =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 3);

  private static final ActivityOptions BULK =
      AwsActivityOptions.persistent(Duration.ofHours(6), AwsActivityOptions.STANDARD_ATTEMPTS);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);
  private final AuthorityActivities authority =
      Workflow.newActivityStub(AuthorityActivities.class, SHORT);
  private final ReconcileActivities oldRegion =
      Workflow.newActivityStub(ReconcileActivities.class, OLD_REGION);
  private final ReconcileActivities bulk =
      Workflow.newActivityStub(ReconcileActivities.class, BULK);

  private final ReconcileState state = new ReconcileState();
  private final CheckRunner checks = new CheckRunner(state);
  private final RegionRecovery recovery =
      new RegionRecovery(state, Workflow.newActivityStub(ReconcileActivities.class, PROBE));
  private final AuroraChecks aurora =
      new AuroraChecks(
          state,
          checks,
          Workflow.newActivityStub(AuroraActivities.class, SHORT),
          Workflow.newActivityStub(AuroraActivities.class, OLD_REGION));
  private final DataChecks data = new DataChecks(state, checks, oldRegion, bulk);
  private final ReportStore reports =
      new ReportStore(state, checks, Workflow.newActivityStub(ReconcileActivities.class, SHORT));

  @Override
  public ReconcileReport run(ReconcileRequest input) {
    state.startedAtMillis = Workflow.currentTimeMillis();
    state.request = validate(input);
    RecoveryCarry carry = state.request.carry();
    if (carry != null) {
      state.startedAtMillis = carry.startedAtMillis();
      state.refusedSignals.addAll(0, carry.refusedSignals());
    }
    SearchAttributeUpserts.app(state.request.app());
    state.writer = state.request.writerRegion();
    state.publish();
    state.estate = estates.load(new LoadEstateRequest(state.request.app()));
    AppAccount.use(state.estate.aws());
    List<String> regions = state.estate.regions();
    if (!regions.contains(state.oldRegion())) {
      throw invalid(
          "old region %s is not a region of %s %s"
              .formatted(state.oldRegion(), state.request.app(), regions));
    }
    if (state.writer == null) {
      state.writer = currentWriter();
    }
    if (state.writer.equals(state.oldRegion()) || !regions.contains(state.writer)) {
      throw invalid(
          "writer region %s must be another region of %s %s than the old region %s"
              .formatted(state.writer, state.request.app(), regions, state.oldRegion()));
    }
    checks.plan();
    boolean recovered = recovery.await();
    state.stage = ReconcileStage.CHECKING;
    ReconcileReport report;
    if (recovered) {
      aurora.check();
      data.checkLedger();
      data.checkConflicts();
      data.checkQueues();
      report = reports.checked();
    } else {
      report = reports.unreachable();
    }
    state.report = report;
    state.report = reports.store(report);
    state.stage = ReconcileStage.DONE;
    state.publish();
    return state.report;
  }

  @Override
  public void regionRecovered(RecoverySignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      state.refusedSignals.add("regionRecovered refused: " + signal.payloadProblem());
      log.info("regionRecovered refused: {}", signal.payloadProblem());
      return;
    }
    if (state.recovery == null && signal != null) {
      state.recovery = signal;
      log.info("regionRecovered from {}: {}", signal.by(), signal.note());
    }
  }

  @Override
  public ReconcileStatus status() {
    return state.status();
  }

  private static ReconcileRequest validate(ReconcileRequest input) {
    if (input == null
        || input.app() == null
        || input.app().isBlank()
        || input.oldRegion() == null
        || input.oldRegion().isBlank()) {
      throw invalid("a reconcile needs app and oldRegion, got " + input);
    }
    // Reconciles started before the requester was required ran without one; their histories
    // replay so.
    if ((input.requestedBy() == null || input.requestedBy().isBlank())
        && Workflow.getVersion(REQUESTER_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION) {
      throw invalid("\"requestedBy\" is missing; name who asks for the reconcile");
    }
    return input;
  }

  private String currentWriter() {
    List<String> others =
        state.estate.regions().stream().filter(r -> !r.equals(state.oldRegion())).toList();
    AuthorityRecord record =
        authority.read(
            new ReadAuthorityRequest(
                state.request.app(), state.estate.authority().table(), others));
    if (record.writerRegion() == null) {
      throw invalid(
          ("the authority ledger of %s in %s names no writer region (state %s at epoch %d); name"
                  + " it with writerRegion")
              .formatted(state.request.app(), others, record.state(), record.epoch()));
    }
    return record.writerRegion();
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "InvalidReconcileRequest");
  }
}
