package dev.regionfailover.workflows.reconcile;

/** An operator's word that the old region answers again, which ends the wait for it at once. */
public record RecoverySignal(String by, String note) {}
