package dev.regionfailover.workflows.failover;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Restores one consistent writer of an app from whatever state an interrupted failover left: reads
 * every ledger copy, Aurora's writer, the traffic layers, the fleets and the write flags; proposes
 * rolling back to the source while Aurora's writer is still the source, or rolling forward to
 * Aurora's writer once a promotion happened; waits for approval; then makes everything agree with
 * that writer using the failover's own steps and epoch-fenced ledger writes.
 *
 * <p>It runs under the app's failover id, {@code failover-APP}, so that it never runs beside a
 * failover of the app, and it answers the failover's approvals, denials, aborts and status query.
 */
@WorkflowInterface
public interface RecoverAuthorityWorkflow extends OperatorHandlers {

  String TYPE = "RecoverAuthority";

  @WorkflowMethod(name = TYPE)
  FailoverResult run(RecoverRequest request);
}
