package dev.regionfailover.workflows.estate;

import java.time.Duration;
import java.util.List;

/**
 * Who may approve a promotion, how long a failover waits for them, and how many distinct approvers
 * an UNPLANNED failover needs (it may lose data, so one person is not enough). {@code verified} is
 * null unless the estate opts into verified approvers, whose approvals must prove their AWS
 * identity.
 */
public record Approvals(
    List<String> approvers, Duration timeout, int unplannedApprovals, VerifiedApprovers verified) {

  public static final int DEFAULT_UNPLANNED_APPROVALS = 2;

  /** A payload written before the count existed reads as the default. */
  public Approvals {
    approvers = List.copyOf(approvers);
    if (unplannedApprovals <= 0) {
      unplannedApprovals = DEFAULT_UNPLANNED_APPROVALS;
    }
  }

  /** Named approvers only, as every estate had before verified approvers. */
  public Approvals(List<String> approvers, Duration timeout, int unplannedApprovals) {
    this(approvers, timeout, unplannedApprovals, null);
  }
}
