package dev.regionfailover.workflows.reconcile;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Reconcile {@code app} after its writer moved from {@code oldRegion} to {@code writerRegion}.
 * {@code windowStartMillis} is when the failover began (epoch milliseconds): writes after it in
 * both regions are conflicts. {@code failoverWorkflowId} names the failover for the report (may be
 * null when started by hand). {@code carry} is null on a first run and holds the wait's state
 * handed over by continue-as-new.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ReconcileRequest(
    String app,
    String oldRegion,
    String writerRegion,
    long windowStartMillis,
    String failoverWorkflowId,
    String requestedBy,
    RecoveryCarry carry) {

  /** A first run. */
  public ReconcileRequest(
      String app,
      String oldRegion,
      String writerRegion,
      long windowStartMillis,
      String failoverWorkflowId,
      String requestedBy) {
    this(app, oldRegion, writerRegion, windowStartMillis, failoverWorkflowId, requestedBy, null);
  }

  /** The next run of the same reconcile: the writer region it found, and the wait's state. */
  public ReconcileRequest continued(String writer, RecoveryCarry next) {
    return new ReconcileRequest(
        app, oldRegion, writer, windowStartMillis, failoverWorkflowId, requestedBy, next);
  }
}
