package dev.regionfailover.starter.failover;

import static java.util.Objects.requireNonNull;

import io.temporal.api.common.v1.WorkflowExecution;

/**
 * A RecoverAuthority workflow just started, and the failover run it reads; {@code interrupted} is
 * null when the app had no earlier failover, so that recovery reads AWS alone.
 */
public record RecoveryStart(WorkflowExecution execution, InterruptedRun interrupted) {

  public RecoveryStart {
    requireNonNull(execution, "execution is null");
  }
}
