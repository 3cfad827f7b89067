package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * The handlers an operator uses on every workflow that runs under an app's failover id, {@code
 * failover-APP}: a RegionFailover and a RecoverAuthority answer the same approvals, denials, aborts
 * and status query, so the CLI, the Temporal CLI and the UI treat them alike.
 */
public interface OperatorHandlers {

  String APPROVE_UPDATE = "approvePromotionUpdate";
  String DENY_UPDATE = "denyPromotionUpdate";
  String ABORT_UPDATE = "abortUpdate";

  @SignalMethod(
      name = "approvePromotion",
      description =
          "Approve promoting the target's Aurora writer. Payload"
              + " {\"approver\":\"alice\",\"comment\":\"replica lag is fine\"}; counts only for"
              + " an allow-listed approver other than the requester, in AWAIT_APPROVAL. PLANNED"
              + " needs one approval, UNPLANNED the estate's unplannedApprovals distinct ones. A"
              + " RecoverAuthority takes it as approval of its proposal, which status shows.")
  void approvePromotion(ApprovalSignal signal);

  @SignalMethod(
      name = "denyPromotion",
      description =
          "Deny the promotion: the failover undoes every change and ends ABORTED, the source"
              + " writing again. Payload {\"approver\":\"bob\",\"reason\":\"not during the"
              + " sale\"}; counts for an allow-listed approver (the requester may withdraw their"
              + " own request), in AWAIT_APPROVAL. A RecoverAuthority ends ABORTED having changed"
              + " nothing.")
  void denyPromotion(DenialSignal signal);

  @SignalMethod(
      name = "abort",
      description =
          "Abort the failover before promotion: it undoes every change and ends ABORTED."
              + " Payload {\"by\":\"carol\",\"reason\":\"wrong target\"}; refused once"
              + " PROMOTE has begun (failing back is then a new planned failover). A"
              + " RecoverAuthority takes it until it starts changing anything.")
  void abort(AbortSignal signal);

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
