package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs the saga's steps and records each in status before and after it runs. */
final class StepRunner {

  private final FailoverState state;
  private final int probeAttempts;
  private String lastUnreachable;

  /**
   * @param probeAttempts the attempts of the bounded retry budget of calls into a region that may
   *     be down, named when such a step is marked UNREACHABLE
   */
  StepRunner(FailoverState state, int probeAttempts) {
    this.state = requireNonNull(state, "state is null");
    this.probeAttempts = probeAttempts;
  }

  /** Runs one step, recording it in status before and after. */
  <T> T step(String name, String detail, Supplier<T> action, Function<T, String> result) {
    int index = state.steps.start(name, state.phase, detail);
    WaitingFor previous = state.waitingFor;
    state.waitingFor =
        new WaitingFor(
            "step " + name + " (" + detail + ")",
            StepLog.now(),
            null,
            "nothing to do: it ends when its AWS calls succeed, or fails the step once their retries are spent");
    state.publish();
    try {
      T value = action.get();
      state.steps.finish(index, StepState.DONE, result.apply(value));
      return value;
    } catch (TemporalFailure e) {
      state.steps.finish(index, StepState.FAILED, RootCause.message(e));
      throw e;
    } finally {
      state.waitingFor = previous;
      state.publish();
    }
  }

  /**
   * Runs a step whose region may not answer: when its bounded retries are spent it returns null and
   * the step is marked UNREACHABLE. A non-retryable failure (a conflict, a missing resource) still
   * fails the failover, because it is not an outage.
   */
  <T> T stepIfReachable(
      String name, String detail, Supplier<T> action, Function<T, String> result) {
    int index = state.steps.start(name, state.phase, detail);
    state.publish();
    T value = reachable(action);
    if (value == null) {
      state.steps.finish(
          index,
          StepState.UNREACHABLE,
          "no answer after " + probeAttempts + " attempts; " + lastUnreachable);
    } else {
      state.steps.finish(index, StepState.DONE, result.apply(value));
    }
    state.publish();
    return value;
  }

  /** The action's result, or null when it failed only because its region did not answer. */
  <T> T reachable(Supplier<T> action) {
    try {
      return action.get();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure app && app.isNonRetryable()) {
        throw e;
      }
      lastUnreachable = RootCause.message(e);
      return null;
    }
  }
}
