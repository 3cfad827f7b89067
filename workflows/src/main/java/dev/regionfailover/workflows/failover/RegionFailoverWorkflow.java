package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves an application's traffic and write authority to another region: ASSESS, SHIFT, FENCE,
 * AWAIT_APPROVAL, PROMOTE, REPIN, ACTIVATE, RECONCILE. The names here are the public contract typed
 * by Temporal CLI and UI users.
 */
@WorkflowInterface
public interface RegionFailoverWorkflow {

  String TASK_QUEUE = "region-failover";
  String TYPE = "RegionFailover";

  @WorkflowMethod(name = TYPE)
  FailoverResult run(FailoverRequest request);

  @SignalMethod(
      name = "approvePromotion",
      description =
          "Approve promoting the target's Aurora writer. Payload"
              + " {\"approver\":\"alice\",\"comment\":\"replica lag is fine\"}; counts only for"
              + " an allow-listed approver other than the requester, in AWAIT_APPROVAL. PLANNED"
              + " needs one approval, UNPLANNED the estate's unplannedApprovals distinct ones.")
  void approvePromotion(ApprovalSignal signal);

  @SignalMethod(
      name = "denyPromotion",
      description =
          "Deny the promotion: the failover undoes every change and ends ABORTED, the source"
              + " writing again. Payload {\"approver\":\"bob\",\"reason\":\"not during the"
              + " sale\"}; counts for an allow-listed approver (the requester may withdraw their"
              + " own request), in AWAIT_APPROVAL.")
  void denyPromotion(DenialSignal signal);

  @SignalMethod(
      name = "abort",
      description =
          "Abort the failover before promotion: it undoes every change and ends ABORTED."
              + " Payload {\"by\":\"carol\",\"reason\":\"wrong target\"}; refused once"
              + " PROMOTE has begun (failing back is then a new planned failover).")
  void abort(AbortSignal signal);

  @SignalMethod(
      name = "confirmFenced",
      description =
          "UNPLANNED only: confirm that the old region's resources the workflow could not reach"
              + " (status lists them as unconfirmedFences) are isolated, so promotion cannot"
              + " cause split-brain writes. Payload {\"by\":\"carol\",\"note\":\"region"
              + " isolated at the network\"}; counts only while the failover waits for it, in"
              + " FENCE.")
  void confirmFenced(ConfirmFencedSignal signal);

  /** Sent by the re-pin child workflow as it advances; not meant for operators. */
  @SignalMethod(
      name = RepinEntitiesWorkflow.PROGRESS_SIGNAL,
      description =
          "Internal: sent by the RepinEntities child as it moves entities, shown by status"
              + " during REPIN. Not for operators. Payload {\"total\":100,\"moved\":40,"
              + "\"remaining\":60,...}.")
  void repinProgress(RepinProgress progress);

  @QueryMethod(
      name = "status",
      description =
          "Where the failover stands: app, mode, source and target region, phase, each step"
              + " with its state and times, what it waits for and how to provide it, signals"
              + " received (counted or why not), authority (writer region, epoch), RPO estimate,"
              + " findings and outcome. No arguments.")
  FailoverStatus status();
}
