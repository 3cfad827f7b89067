package dev.regionfailover.workflows.failover;

import java.util.List;

/** How the writer moves. */
public enum FailoverMode {
  /** Aurora switchover, RPO 0, with a human approval. */
  PLANNED,
  /** Aurora failover allowing data loss, for a region that is gone. */
  UNPLANNED,
  /** A planned switchover that approves itself, for rehearsals. */
  DRILL,
  /**
   * Not a way to fail over: the mode a RecoverAuthority workflow reports, as it restores one writer
   * after a failover stopped. A RegionFailover refuses it.
   */
  RECOVER;

  /** The modes a failover can be started in: every one but RECOVER. */
  public static List<FailoverMode> failoverModes() {
    return List.of(PLANNED, UNPLANNED, DRILL);
  }

  /** The mode named by {@code text}, in any letter case, or null when it names none. */
  public static FailoverMode parse(String text) {
    for (FailoverMode mode : values()) {
      if (text != null && mode.name().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    return null;
  }
}
