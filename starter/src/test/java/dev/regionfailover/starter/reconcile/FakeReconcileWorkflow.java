package dev.regionfailover.starter.reconcile;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.reconcile.CheckProgress;
import dev.regionfailover.workflows.reconcile.CheckState;
import dev.regionfailover.workflows.reconcile.ReconcileOutcome;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.reconcile.ReconcileSection;
import dev.regionfailover.workflows.reconcile.ReconcileStage;
import dev.regionfailover.workflows.reconcile.ReconcileStatus;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import dev.regionfailover.workflows.reconcile.RecoveryWait;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * A stand-in for ReconcileRegion: waits for {@code regionRecovered}, then returns a report that
 * names who sent it. The CLI cannot tell it from the real one.
 */
public class FakeReconcileWorkflow implements ReconcileRegionWorkflow {

  private ReconcileRequest request;
  private RecoverySignal recovery;
  private ReconcileReport report;

  @Override
  public ReconcileReport run(ReconcileRequest request) {
    this.request = request;
    Workflow.await(() -> recovery != null);
    report =
        new ReconcileReport(
            request.app(),
            Workflow.getInfo().getWorkflowId(),
            request.oldRegion(),
            request.writerRegion() == null ? "us-west-2" : request.writerRegion(),
            request.failoverWorkflowId(),
            request.requestedBy(),
            ReconcileOutcome.NEEDS_ATTENTION,
            "1 failed and 0 warning finding(s) need an operator",
            "2026-01-01T00:00:00Z",
            null,
            "2026-01-01T00:01:00Z",
            "signal from " + recovery.by() + ": " + recovery.note(),
            "2026-01-01T00:02:00Z",
            List.of(
                new ReconcileSection(
                    "Aurora",
                    List.of(
                        Finding.fail(
                            "aurora-old-primary-rejoined",
                            "orders-use1",
                            "not a member",
                            "a secondary")))),
            List.of(),
            List.of(),
            List.of(),
            "reconcile#00000001767225600000");
    return report;
  }

  @Override
  public void regionRecovered(RecoverySignal signal) {
    recovery = signal;
  }

  @Override
  public ReconcileStatus status() {
    return new ReconcileStatus(
        request == null ? null : request.app(),
        request == null ? null : request.oldRegion(),
        request == null ? null : request.writerRegion(),
        report == null ? ReconcileStage.AWAIT_RECOVERY : ReconcileStage.DONE,
        report == null
            ? new RecoveryWait(
                request.oldRegion() + " to answer again",
                "2026-01-01T00:00:00Z",
                "2026-01-08T00:00:00Z",
                "probes, or the signal regionRecovered",
                1,
                null,
                "2026-01-01T00:00:30Z")
            : null,
        List.of(new CheckProgress("aurora old primary", CheckState.PENDING, null, null, null)),
        report);
  }
}
