package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the checks of a reconciliation and keeps each one's progress in status. A check that fails
 * is a finding of the report, not a failure of the workflow.
 */
final class CheckRunner {

  private final ReconcileState state;

  CheckRunner(ReconcileState state) {
    this.state = requireNonNull(state, "state is null");
  }

  /** Lists every check as pending, in the order the report shows them. */
  void plan() {
    for (CheckName name : CheckName.values()) {
      state.checks.add(new CheckProgress(name.title, CheckState.PENDING, null, null, null));
    }
  }

  /**
   * Runs one check's activity, keeping its progress in status. A failure is recorded in {@link
   * ReconcileState#lastFailure} and returns null, so the report says what could not be checked.
   */
  <T> T check(CheckName name, Supplier<T> call, Function<T, String> done) {
    start(name, null);
    try {
      T result = call.get();
      finish(name, CheckState.DONE, done.apply(result));
      return result;
    } catch (ActivityFailure failure) {
      state.lastFailure = reason(failure);
      finish(name, CheckState.FAILED, state.lastFailure);
      return null;
    }
  }

  void start(CheckName name, String detail) {
    state.checks.set(
        name.ordinal(),
        new CheckProgress(name.title, CheckState.RUNNING, ReconcileState.now(), null, detail));
    state.publish();
  }

  void skip(CheckName name, String why) {
    String at = ReconcileState.now();
    state.checks.set(
        name.ordinal(), new CheckProgress(name.title, CheckState.SKIPPED, at, at, why));
    state.publish();
  }

  /** Skips every check but storing the report, which still runs. */
  void skipAllButStore(String why) {
    for (int i = 0; i < state.checks.size() - 1; i++) {
      finish(i, CheckState.SKIPPED, why);
    }
  }

  void finish(CheckName name, CheckState outcome, String detail) {
    finish(name.ordinal(), outcome, detail);
  }

  private void finish(int index, CheckState outcome, String detail) {
    CheckProgress check = state.checks.get(index);
    state.checks.set(
        index,
        new CheckProgress(
            check.name(),
            outcome,
            check.startedAt() == null ? ReconcileState.now() : check.startedAt(),
            ReconcileState.now(),
            detail));
    state.publish();
  }

  /** What an activity failure says, for a finding: its application message if it has one. */
  static String reason(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String message =
        cause instanceof ApplicationFailure application
            ? application.getOriginalMessage()
            : cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
