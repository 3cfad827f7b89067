package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves an application's traffic and write authority to another region: ASSESS, SHIFT, FENCE,
 * AWAIT_APPROVAL, PROMOTE, REPIN, ACTIVATE, RECONCILE. The names here are the public contract typed
 * by Temporal CLI and UI users.
 *
 * <p>Each operator signal has an update twin, named like it with the suffix {@code Update}, that
 * takes the same payload and is handled by the same code. Its validator rejects at once, with the
 * reason, what the signal would record as not counted; an accepted one returns an {@link
 * OperatorVerdict}. The CLI sends the updates; the signals stay for the UI's signal form.
 */
@WorkflowInterface
public interface RegionFailoverWorkflow {

  String TASK_QUEUE = "region-failover";
  String TYPE = "RegionFailover";

  String APPROVE_UPDATE = "approvePromotionUpdate";
  String DENY_UPDATE = "denyPromotionUpdate";
  String ABORT_UPDATE = "abortUpdate";
  String CONFIRM_FENCED_UPDATE = "confirmFencedUpdate";

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

  @UpdateMethod(
      name = APPROVE_UPDATE,
      description =
          "approvePromotion as an update. Payload {\"approver\":\"alice\",\"comment\":"
              + "\"...\"}, with the same rules, but rejected at once with the reason when it"
              + " would not count (wrong phase, not an approver, the requester, a repeat)."
              + " Returns what it did, such as \"approval 1 of 2 recorded; waiting for 1 more"
              + " distinct approver\".")
  OperatorVerdict approvePromotionUpdate(ApprovalSignal signal);

  @UpdateValidatorMethod(updateName = APPROVE_UPDATE)
  void validateApprovePromotionUpdate(ApprovalSignal signal);

  @UpdateMethod(
      name = DENY_UPDATE,
      description =
          "denyPromotion as an update. Payload {\"approver\":\"bob\",\"reason\":"
              + "\"...\"}, with the same rules, but rejected at once with the reason when it"
              + " would not count (wrong phase, not an approver, already denied). Returns what"
              + " it did.")
  OperatorVerdict denyPromotionUpdate(DenialSignal signal);

  @UpdateValidatorMethod(updateName = DENY_UPDATE)
  void validateDenyPromotionUpdate(DenialSignal signal);

  @UpdateMethod(
      name = ABORT_UPDATE,
      description =
          "abort as an update. Payload {\"by\":\"carol\",\"reason\":\"...\"}, with"
              + " the same rules, but rejected at once with the reason when it would not count"
              + " (PROMOTE has begun, the failover ended, already aborting). Returns what it"
              + " did.")
  OperatorVerdict abortUpdate(AbortSignal signal);

  @UpdateValidatorMethod(updateName = ABORT_UPDATE)
  void validateAbortUpdate(AbortSignal signal);

  @UpdateMethod(
      name = CONFIRM_FENCED_UPDATE,
      description =
          "confirmFenced as an update. Payload {\"by\":\"carol\",\"note\":\"...\"},"
              + " with the same rules, but rejected at once with the reason when it would not"
              + " count (no \"by\", not waiting for a fence confirmation, already confirmed)."
              + " Returns what it did.")
  OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal);

  @UpdateValidatorMethod(updateName = CONFIRM_FENCED_UPDATE)
  void validateConfirmFencedUpdate(ConfirmFencedSignal signal);

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
