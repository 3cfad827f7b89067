package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.finding.Verdict;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes the report of a reconciliation from what its checks found, and stores it in the audit
 * trail of the writer region. A report that cannot be stored is still returned, saying so.
 */
final class ReportStore {

  private final ReconcileState state;
  private final CheckRunner checks;
  private final ReconcileActivities writerSide;

  /**
   * @param writerSide calls into the writer region, with the standard retries
   */
  ReportStore(ReconcileState state, CheckRunner checks, ReconcileActivities writerSide) {
    this.state = requireNonNull(state, "state is null");
    this.checks = requireNonNull(checks, "checks is null");
    this.writerSide = requireNonNull(writerSide, "writerSide is null");
  }

  /** The report of a region that answered, graded by the worst of its findings. */
  ReconcileReport checked() {
    long fail = state.count(Verdict.FAIL);
    long warn = state.count(Verdict.WARN);
    String summary =
        fail == 0 && warn == 0
            ? "%s is reconciled with %s".formatted(state.oldRegion(), state.writer)
            : "%d failed and %d warning finding(s) need an operator".formatted(fail, warn);
    return report(
        state.worst() == Verdict.PASS
            ? ReconcileOutcome.RECONCILED
            : ReconcileOutcome.NEEDS_ATTENTION,
        summary);
  }

  /** The report of a region that did not answer within the recovery timeout. */
  ReconcileReport unreachable() {
    String old = state.oldRegion();
    checks.skipAllButStore(old + " did not answer");
    Duration timeout = state.estate.reconcile().recoveryTimeout();
    state.addSection("Region", List.of(ReconcileFindings.unreachable(old, timeout)));
    return report(
        ReconcileOutcome.REGION_UNREACHABLE, ReconcileFindings.unreachableSummary(old, timeout));
  }

  /** Stores the report; on failure returns it with a summary that says so. */
  ReconcileReport store(ReconcileReport built) {
    String key =
        checks.check(
            CheckName.STORE,
            () ->
                writerSide.storeReport(
                    new StoreReportRequest(
                        state.estate.authority().table(),
                        state.writer,
                        state.startedAtMillis,
                        built)),
            k -> "pk=%s, sk=%s in %s".formatted(state.request.app(), k, state.writer));
    return key == null
        ? built.withSummary(
            built.summary()
                + "; the report could not be stored in the audit trail: "
                + state.lastFailure)
        : built.storedAs(key);
  }

  private ReconcileReport report(ReconcileOutcome outcome, String summary) {
    ReconcileRequest request = state.request;
    return new ReconcileReport(
        request.app(),
        Workflow.getInfo().getWorkflowId(),
        request.oldRegion(),
        state.writer,
        request.failoverWorkflowId(),
        request.requestedBy(),
        outcome,
        summary,
        Instant.ofEpochMilli(state.startedAtMillis).toString(),
        request.windowStartMillis() > 0
            ? Instant.ofEpochMilli(request.windowStartMillis()).toString()
            : null,
        state.recoveredAt,
        state.recoveredBy,
        ReconcileState.now(),
        state.sections,
        state.conflicts,
        state.backlogs,
        state.redrives,
        null);
  }
}
