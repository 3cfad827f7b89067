package dev.regionfailover.starter.failover;

import static java.util.Objects.requireNonNull;

/**
 * The run of an app's failover that a recovery reads: its run id and how it closed, such as {@code
 * TERMINATED} or {@code FAILED}.
 */
public record InterruptedRun(String runId, String closeStatus) {

  public InterruptedRun {
    requireNonNull(runId, "runId is null");
    requireNonNull(closeStatus, "closeStatus is null");
  }
}
