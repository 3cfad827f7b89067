package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.reconcile.ReconcileStage;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Stands in for ReconcileRegion in failover tests: it waits for {@code regionRecovered} like the
 * real one and shows the request it was started with, so a test can check what the failover handed
 * over and that the reconciliation outlives it.
 */
public class WaitingReconcile implements ReconcileRegionWorkflow {

  private ReconcileRequest request;
  private boolean recovered;

  @Override
  public ReconcileReport run(ReconcileRequest request) {
    this.request = request;
    Workflow.await(() -> recovered);
    return null;
  }

  @Override
  public void regionRecovered(RecoverySignal signal) {
    recovered = true;
  }

  @Override
  public ReconcileStatus status() {
    return new ReconcileStatus(
        request.app(),
        request.oldRegion(),
        request.writerRegion(),
        ReconcileStage.AWAIT_RECOVERY,
        null,
        List.of(),
        null);
  }
}
