package dev.regionfailover.workflows.failover;

import java.util.Locale;

/**
 * One change a recovery proposes, in the order it makes them: the failover's own steps, from
 * fencing the regions that must not write to activating the one that must.
 *
 * @param region the region the change is made in, or the traffic layer's key for {@link
 *     Kind#SHIFT_TRAFFIC}
 * @param detail what changes, as the proposal shows it
 */
record RecoveryAction(Kind kind, String region, String detail) {

  /** The kinds of change, in the order recovery makes them, each in the failover's phase. */
  enum Kind {
    FENCE_LEDGER(Phase.FENCE),
    STOP_FLEET(Phase.FENCE),
    DISABLE_WRITES(Phase.FENCE),
    SHIFT_TRAFFIC(Phase.SHIFT),
    POINT_WRITER_RECORD(Phase.PROMOTE),
    ACTIVATE_LEDGER(Phase.PROMOTE),
    REPIN(Phase.REPIN),
    START_FLEET(Phase.ACTIVATE),
    ENABLE_WRITES(Phase.ACTIVATE);

    private final Phase phase;

    Kind(Phase phase) {
      this.phase = phase;
    }

    Phase phase() {
      return phase;
    }
  }

  /** The proposal's line for this change. */
  String describe() {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + detail;
  }
}
