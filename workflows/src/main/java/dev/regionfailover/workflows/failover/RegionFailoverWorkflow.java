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

  @SignalMethod(name = "approvePromotion")
  void approvePromotion(ApprovalSignal signal);

  @SignalMethod(name = "denyPromotion")
  void denyPromotion(DenialSignal signal);

  @SignalMethod(name = "abort")
  void abort(AbortSignal signal);

  @SignalMethod(name = "confirmFenced")
  void confirmFenced(ConfirmFencedSignal signal);

  /** Sent by the re-pin child workflow as it advances; not meant for operators. */
  @SignalMethod(name = RepinEntitiesWorkflow.PROGRESS_SIGNAL)
  void repinProgress(RepinProgress progress);

  @QueryMethod(name = "status")
  FailoverStatus status();
}
