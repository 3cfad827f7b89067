package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Waits for the old region to answer again, without holding a worker thread: a short probe activity
 * with no retries (a failed probe is a sample, not an error), then a timer that doubles from 30
 * seconds to 15 minutes, ended early by the {@code regionRecovered} signal. Gives up at the
 * estate's recovery timeout, counted from the reconcile's start.
 *
 * <p>A week's wait is about 670 probes and timers, over 7,000 history events, so the wait continues
 * as new every {@value #PROBES_PER_RUN} probes (about a day at the longest backoff), carrying its
 * state in {@link RecoveryCarry}. It does not become one activity retried with backoff and a
 * schedule-to-close timeout of the recovery timeout instead: the retries of one activity leave no
 * trace in the workflow, so status could no longer say how many probes ran and what the last one
 * said, the report could not name the probe that answered, and the signal would have to cancel a
 * running activity instead of ending a timer.
 */
final class RegionRecovery {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
  static final int PROBES_PER_RUN = 96;

  /** Change id for Workflow.getVersion: the wait continues as new every PROBES_PER_RUN probes. */
  static final String CONTINUE_AS_NEW_CHANGE = "reconcile-continue-as-new";

  private static final Logger log = Workflow.getLogger(RegionRecovery.class);

  private final ReconcileState state;
  private final ReconcileActivities probes;

  /**
   * @param probes the probe, a single attempt: its failure is a sample
   */
  RegionRecovery(ReconcileState state, ReconcileActivities probes) {
    this.state = requireNonNull(state, "state is null");
    this.probes = requireNonNull(probes, "probes is null");
  }

  /**
   * Probes the old region, then sleeps on a timer until the next probe or the signal. Returns false
   * when the recovery timeout passed without an answer.
   */
  boolean await() {
    state.stage = ReconcileStage.AWAIT_RECOVERY;
    // Reconciles started before the wait continued as new waited in one run; they replay so.
    boolean mayContinue =
        Workflow.getVersion(CONTINUE_AS_NEW_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    RecoveryCarry carry = state.request.carry();
    String region = state.oldRegion();
    String since = carry == null ? ReconcileState.now() : carry.since();
    long deadline = state.startedAtMillis + state.estate.reconcile().recoveryTimeout().toMillis();
    String until = Instant.ofEpochMilli(deadline).toString();
    String how = how(until);
    ProbeRequest probe = new ProbeRequest(region, state.estate.aurora().cluster(region));
    Duration backoff = carry == null ? FIRST_BACKOFF : Duration.ofMillis(carry.backoffMillis());
    int count = carry == null ? 0 : carry.probes();
    String last = carry == null ? null : carry.lastProbe();
    int probesThisRun = 0;
    while (true) {
      if (state.recovery != null) {
        RecoverySignal recovery = state.recovery;
        state.recoveredBy =
            "signal from "
                + recovery.by()
                + (recovery.note() == null ? "" : ": " + recovery.note());
        break;
      }
      if (mayContinue && probesThisRun == PROBES_PER_RUN) {
        continueAsNew(
            new RecoveryCarry(
                state.startedAtMillis,
                since,
                count,
                last,
                backoff.toMillis(),
                state.refusedSignals));
      }
      count++;
      probesThisRun++;
      state.waitingFor = new RecoveryWait(what(), since, until, how, count, last, null);
      state.publish();
      ProbeResult result = probe(probe);
      last =
          "%s %s: %s"
              .formatted(
                  ReconcileState.now(),
                  result.answered() ? "answered" : "no answer",
                  result.detail());
      if (result.answered()) {
        state.recoveredBy = "probe %d: %s".formatted(count, result.detail());
        break;
      }
      long remaining = deadline - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        state.waitingFor = null;
        log.info("{} did not answer within the recovery timeout", region);
        return false;
      }
      Duration wait = remaining < backoff.toMillis() ? Duration.ofMillis(remaining) : backoff;
      state.waitingFor =
          new RecoveryWait(
              what(),
              since,
              until,
              how,
              count,
              last,
              Instant.ofEpochMilli(Workflow.currentTimeMillis() + wait.toMillis()).toString());
      state.publish();
      Workflow.await(wait, () -> state.recovery != null);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
    state.waitingFor = null;
    state.recoveredAt = ReconcileState.now();
    log.info("{} answers again ({})", region, state.recoveredBy);
    state.publish();
    return true;
  }

  private ProbeResult probe(ProbeRequest probe) {
    try {
      return probes.probeRegion(probe);
    } catch (ActivityFailure failure) {
      return new ProbeResult(probe.region(), false, CheckRunner.reason(failure));
    }
  }

  /**
   * Hands the wait to a new run with a fresh history. It runs only when no signal has come: a
   * signal that arrives while this run completes makes the server refuse the completion, and the
   * run sees the signal when it runs again.
   */
  private void continueAsNew(RecoveryCarry carry) {
    log.info("The wait for {} continues as new after {} probes", state.oldRegion(), carry.probes());
    Workflow.continueAsNew(state.request.continued(state.writer, carry));
  }

  private String what() {
    return state.oldRegion() + " to answer again";
  }

  private String how(String until) {
    String region = state.oldRegion();
    return ("probes of %s every %d s, doubling to %d min; or the signal regionRecovered"
            + " {\"by\",\"note\"} (./failover reconcile recovered %s --by NAME); at %s it gives up"
            + " and reports %s unreachable")
        .formatted(
            region,
            FIRST_BACKOFF.toSeconds(),
            MAX_BACKOFF.toMinutes(),
            state.request.app(),
            until,
            region);
  }
}
