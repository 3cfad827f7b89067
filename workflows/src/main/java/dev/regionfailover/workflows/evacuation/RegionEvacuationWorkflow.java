package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves every application that writes in a region to another region: each as a child {@code
 * RegionFailover} under its usual id {@code failover-<app>}, in dependency order, a bounded number
 * at once. The names here are the public contract typed by Temporal CLI and UI users; the workflow
 * id is {@code evacuate-<region>}.
 */
@WorkflowInterface
public interface RegionEvacuationWorkflow {

  String TYPE = "RegionEvacuation";

  @WorkflowMethod(name = TYPE)
  EvacuationReport run(EvacuationRequest request);

  @SignalMethod(
      name = "hold",
      description =
          "Stop starting new failovers; those running go on. Payload"
              + " {\"by\":\"carol\",\"reason\":\"wait for the database team\"}. Undone by resume.")
  void hold(HoldSignal signal);

  @SignalMethod(
      name = "resume",
      description = "Start new failovers again after a hold. Payload {\"by\":\"carol\"}.")
  void resume(ResumeSignal signal);

  @SignalMethod(
      name = "abort",
      description =
          "Start no more failovers and send abort to every running one that has not reached"
              + " PROMOTE (those roll back; the others finish). Payload"
              + " {\"by\":\"carol\",\"reason\":\"region recovered\"}.")
  void abort(AbortSignal signal);

  @SignalMethod(
      name = "approvePromotion",
      description =
          "With approval ONCE: approve every failover of this evacuation; each is forwarded to a"
              + " failover when it waits for approval, and each failover still checks its"
              + " estate's approvers. Two distinct approvers for UNPLANNED, never the requester."
              + " Payload {\"approver\":\"bob\",\"comment\":\"go\"}.")
  void approvePromotion(ApprovalSignal signal);

  @QueryMethod(
      name = "status",
      description =
          "Where the evacuation stands: counts per phase, one line per app (state, phase, what it"
              + " waits for, target, times), the slowest app, the estimated time left, held apps"
              + " and why, approvals and signals. No arguments.")
  EvacuationStatus status();
}
