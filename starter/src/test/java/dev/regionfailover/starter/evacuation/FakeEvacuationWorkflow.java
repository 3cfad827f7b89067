package dev.regionfailover.starter.evacuation;

import dev.regionfailover.workflows.evacuation.AppLine;
import dev.regionfailover.workflows.evacuation.AppState;
import dev.regionfailover.workflows.evacuation.EvacuationReport;
import dev.regionfailover.workflows.evacuation.EvacuationRequest;
import dev.regionfailover.workflows.evacuation.EvacuationState;
import dev.regionfailover.workflows.evacuation.EvacuationStatus;
import dev.regionfailover.workflows.evacuation.HoldSignal;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import dev.regionfailover.workflows.evacuation.ResumeSignal;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.Phase;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A RegionEvacuation that runs until aborted and records each signal as the real one does: a line
 * that ends {@code : refused, WHY} when it did not count. Its status echoes the request.
 */
public final class FakeEvacuationWorkflow implements RegionEvacuationWorkflow {

  private final List<String> signals = new ArrayList<>();
  private EvacuationRequest request;
  private EvacuationState state = EvacuationState.RUNNING;

  @Override
  public EvacuationReport run(EvacuationRequest input) {
    request = input;
    Workflow.await(() -> state == EvacuationState.ABORTING);
    return null;
  }

  @Override
  public void hold(HoldSignal signal) {
    boolean held = state == EvacuationState.HELD;
    record("hold by " + signal.by() + " (" + signal.reason() + ")", held ? "already held" : null);
    state = EvacuationState.HELD;
  }

  @Override
  public void resume(ResumeSignal signal) {
    boolean held = state == EvacuationState.HELD;
    record("resume by " + signal.by(), held ? null : "not held");
    state = held ? EvacuationState.RUNNING : state;
  }

  @Override
  public void abort(AbortSignal signal) {
    record("abort by " + signal.by() + " (" + signal.reason() + ")", null);
    state = EvacuationState.ABORTING;
  }

  @Override
  public void approvePromotion(ApprovalSignal signal) {
    boolean requester = signal.approver().equals(request.requestedBy());
    record(
        "approvePromotion by " + signal.approver(),
        requester ? signal.approver() + " requested this evacuation and cannot approve it" : null);
  }

  private void record(String line, String refusal) {
    signals.add(line + (refusal == null ? "" : ": refused, " + refusal));
  }

  @Override
  public EvacuationStatus status() {
    return new EvacuationStatus(
        Workflow.getInfo().getWorkflowId(),
        request.region(),
        request.mode(),
        request.approval(),
        request.requestedBy(),
        request.reason(),
        state,
        request.maxConcurrent() == null ? 10 : request.maxConcurrent(),
        Map.of("ASSESS", 1),
        List.of(
            new AppLine(
                "orders",
                5,
                request.targets() == null ? "us-west-2" : request.targets().get("orders"),
                List.of(),
                AppState.RUNNING,
                Phase.ASSESS,
                null,
                "failover-orders",
                false,
                "2026-01-01T00:00:00Z",
                null,
                5_000L,
                null,
                String.join(",", request.apps() == null ? List.of() : request.apps()))),
        "orders (running for 5.0 s, ASSESS)",
        null,
        List.of(),
        List.of(),
        0,
        List.copyOf(signals),
        List.of(),
        null);
  }
}
