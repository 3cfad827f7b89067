package dev.regionfailover.workflows.reconcile;

/**
 * The wait for the old region: since when, until when it gives up ({@code deadline}), how it ends
 * ({@code how}: the probe schedule and the signal), how many probes ran, what the last one said,
 * and when the next one runs.
 */
public record RecoveryWait(
    String what,
    String since,
    String deadline,
    String how,
    int probes,
    String lastProbe,
    String nextProbeAt) {}
