package dev.regionfailover.workflows.evacuation;

/** Who approves the promotions of an evacuation's failovers. */
public enum ApprovalMode {
  /** Operators approve each {@code failover-<app>} as they would a failover started by hand. */
  PER_APP,
  /**
   * The evacuation's own {@code approvePromotion} signals are forwarded to each failover when it
   * waits for approval; each failover still checks its estate's allow-list.
   */
  ONCE;

  /** The mode named by {@code text} ({@code once}, {@code per-app}, ...), or null when none. */
  public static ApprovalMode parse(String text) {
    if (text == null) {
      return null;
    }
    String name = text.trim().replace('-', '_');
    for (ApprovalMode mode : values()) {
      if (mode.name().equalsIgnoreCase(name)) {
        return mode;
      }
    }
    return null;
  }
}
