package dev.regionfailover.workflows.estate;

import java.time.Duration;
import java.util.List;

/**
 * What reconciliation checks once the old region answers again: the replicated tables to compare,
 * and how long to wait for the region before giving up and reporting it still unreachable.
 */
public record Reconcile(List<ReplicatedTable> tables, Duration recoveryTimeout) {

  public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofDays(7);

  public static final Reconcile NONE = new Reconcile(List.of(), DEFAULT_RECOVERY_TIMEOUT);

  /** A payload written before a field existed reads as its default. */
  public Reconcile {
    tables = tables == null ? List.of() : List.copyOf(tables);
    recoveryTimeout = recoveryTimeout == null ? DEFAULT_RECOVERY_TIMEOUT : recoveryTimeout;
  }
}
