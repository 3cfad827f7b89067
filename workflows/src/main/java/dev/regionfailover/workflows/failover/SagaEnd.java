package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.finding.Verdict;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * How a failover ends: completed, aborted with every change undone, or failed, undoing what was
 * done unless promotion had begun.
 */
final class SagaEnd {

  private static final Logger log = Workflow.getLogger(RegionFailoverWorkflowImpl.class);

  private final FailoverState state;

  SagaEnd(FailoverState state) {
    this.state = requireNonNull(state, "state is null");
  }

  FailoverResult completed() {
    return end(Phase.COMPLETED, completionSummary());
  }

  /** Undoes what was done and ends ABORTED, or fails when some of it could not be undone. */
  FailoverResult aborted(String why) {
    List<String> failures = compensate();
    if (!failures.isEmpty()) {
      state.phase = Phase.FAILED;
      state.outcome = why + "; could not undo: " + String.join("; ", failures);
      state.publish();
      throw ApplicationFailure.newNonRetryableFailure(
          "failover of "
              + state.request.app()
              + " ended early ("
              + why
              + ") and these steps could not be undone: "
              + String.join("; ", failures),
          "CompensationFailed");
    }
    return end(
        Phase.ABORTED, why + "; every change was undone and " + state.source + " writes again");
  }

  /** The failure the workflow ends with, after undoing what was done unless promotion had begun. */
  RuntimeException failed(TemporalFailure failure) {
    if (failure instanceof ApplicationFailure own && state.phase == Phase.FAILED) {
      return own;
    }
    String message = RootCause.message(failure);
    if (state.promotionStarted || state.compensations.isEmpty()) {
      state.phase = Phase.FAILED;
      state.outcome =
          state.promotionStarted
              ? "failed during "
                  + state.lastPhase()
                  + ": "
                  + message
                  + ". Promotion had begun, so nothing was rolled back: run ./failover recover "
                  + state.request.app()
                  + " to finish it on Aurora's writer; failing back is then a new planned failover"
              : message;
      state.waitingFor = null;
      state.publish();
      return ApplicationFailure.newNonRetryableFailure(state.outcome, "FailoverFailed");
    }
    List<String> failures = compensate();
    state.phase = Phase.FAILED;
    state.outcome =
        failures.isEmpty()
            ? message + "; every change was undone and " + state.source + " writes again"
            : message + "; could not undo: " + String.join("; ", failures);
    state.publish();
    return ApplicationFailure.newNonRetryableFailure(state.outcome, "FailoverFailed");
  }

  /** Runs the registered compensations in reverse, even if the workflow is being cancelled. */
  private List<String> compensate() {
    List<Compensation> compensations = state.compensations;
    List<String> failures = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              for (int i = compensations.size() - 1; i >= 0; i--) {
                Compensation compensation = compensations.get(i);
                int index = state.steps.start("undo: " + compensation.name(), state.phase, "");
                state.publish();
                try {
                  compensation.action().run();
                  state.steps.finish(index, StepState.COMPENSATED, "");
                } catch (ActivityFailure e) {
                  state.steps.finish(index, StepState.FAILED, RootCause.message(e));
                  failures.add(compensation.name() + ": " + RootCause.message(e));
                }
              }
              compensations.clear();
            })
        .run();
    return failures;
  }

  /** Ends the workflow in {@code end} with {@code summary} as its outcome, and its result. */
  FailoverResult end(Phase end, String summary) {
    state.phase = end;
    state.outcome = summary;
    state.waitingFor = null;
    state.publish();
    log.info("failover of {} ended {}: {}", state.request.app(), end, summary);
    return new FailoverResult(
        state.request.app(),
        state.mode,
        state.source,
        state.request.targetRegion(),
        end,
        summary,
        state.steps.all(),
        state.authority,
        state.rpo,
        state.repinned,
        List.copyOf(state.findings),
        Workflow.currentTimeMillis() - state.startedAtMillis);
  }

  private String completionSummary() {
    long warnings = state.findings.stream().filter(f -> f.verdict() != Verdict.PASS).count();
    return state.request.targetRegion()
        + " is the writer of "
        + state.request.app()
        + " at epoch "
        + state.authority.epoch()
        + "; "
        + state.repinned
        + " entities re-pinned"
        + (warnings == 0 ? "" : "; " + warnings + " reconcile finding(s) need attention");
  }
}
