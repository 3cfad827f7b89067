package dev.regionfailover.workflows.estate;

import java.time.Duration;
import java.util.List;

/** Who may approve a promotion, and how long a failover waits for them. */
public record Approvals(List<String> approvers, Duration timeout) {

  public Approvals {
    approvers = List.copyOf(approvers);
  }
}
