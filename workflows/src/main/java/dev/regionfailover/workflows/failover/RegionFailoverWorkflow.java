package dev.regionfailover.workflows.failover;

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
public interface RegionFailoverWorkflow extends OperatorHandlers {

  String TASK_QUEUE = "region-failover";
  String TYPE = "RegionFailover";

  String CONFIRM_FENCED_UPDATE = "confirmFencedUpdate";

  @WorkflowMethod(name = TYPE)
  FailoverResult run(FailoverRequest request);

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
      name = CONFIRM_FENCED_UPDATE,
      description =
          "confirmFenced as an update. Payload {\"by\":\"carol\",\"note\":\"...\"},"
              + " with the same rules, but rejected at once with the reason when it would not"
              + " count (no \"by\", not waiting for a fence confirmation, already confirmed)."
              + " Returns what it did.")
  OperatorVerdict confirmFencedUpdate(ConfirmFencedSignal signal);

  @UpdateValidatorMethod(updateName = CONFIRM_FENCED_UPDATE)
  void validateConfirmFencedUpdate(ConfirmFencedSignal signal);
}
