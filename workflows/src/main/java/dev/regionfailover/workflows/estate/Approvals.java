package dev.regionfailover.workflows.estate;

import java.time.Duration;
import java.util.List;

/**
 * Who may approve a promotion, how long a failover waits for them, and how many distinct approvers
 * an UNPLANNED failover needs (it may lose data, so one person is not enough).
 */
public record Approvals(List<String> approvers, Duration timeout, int unplannedApprovals) {

  public static final int DEFAULT_UNPLANNED_APPROVALS = 2;

  /** A payload written before the count existed reads as the default. */
  public Approvals {
    approvers = List.copyOf(approvers);
    if (unplannedApprovals <= 0) {
      unplannedApprovals = DEFAULT_UNPLANNED_APPROVALS;
    }
  }
}
