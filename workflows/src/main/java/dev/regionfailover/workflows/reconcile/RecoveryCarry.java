package dev.regionfailover.workflows.reconcile;

import java.util.List;

/**
 * What one run of a reconcile's wait for the old region hands to the next through continue-as-new:
 * when the reconcile started (its recovery deadline counts from there), since when it waits, how
 * many probes ran and what the last one said, the next timer's length, and the signals refused so
 * far. A {@code regionRecovered} signal is never carried: a run that has one stops waiting instead
 * of continuing.
 */
public record RecoveryCarry(
    long startedAtMillis,
    String since,
    int probes,
    String lastProbe,
    long backoffMillis,
    List<String> refusedSignals) {

  public RecoveryCarry {
    refusedSignals = refusedSignals == null ? List.of() : List.copyOf(refusedSignals);
  }
}
