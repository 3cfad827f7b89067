package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.pins.RepinProgress;

/**
 * Takes the failover's signals into its state. Each is recorded, counted or refused with the
 * reason, so that status shows why one was ignored; the waiting phases see the change.
 */
final class OperatorSignals {

  private final FailoverState state;

  OperatorSignals(FailoverState state) {
    this.state = requireNonNull(state, "state is null");
  }

  void approvePromotion(ApprovalSignal signal) {
    if (signal != null
        && refusedPayload("approvePromotion", signal.approver(), signal.payloadProblem())) {
      return;
    }
    state.gate.approve(signal, StepLog.now());
    state.publish();
  }

  void denyPromotion(DenialSignal signal) {
    if (signal != null
        && refusedPayload("denyPromotion", signal.approver(), signal.payloadProblem())) {
      return;
    }
    state.gate.deny(signal, StepLog.now());
    state.publish();
  }

  void abort(AbortSignal signal) {
    if (signal != null && refusedPayload("abort", signal.by(), signal.payloadProblem())) {
      return;
    }
    String by = signal == null ? null : signal.by();
    String reason = signal == null ? null : signal.reason();
    String refusal = null;
    if (state.promotionStarted) {
      refusal =
          "promotion has begun and is never rolled back automatically; failing back is a new planned failover";
    } else if (state.isFinal()) {
      refusal = "the failover already ended " + state.phase;
    } else if (state.abortRequest != null) {
      refusal = "already aborting at the request of " + state.abortRequest.by();
    }
    if (refusal == null) {
      state.abortRequest =
          new AbortSignal(by == null ? "unspecified" : by, reason == null ? "" : reason);
    }
    state.gate.record(
        new SignalRecord("abort", by, reason, StepLog.now(), refusal == null, refusal));
    state.publish();
  }

  void confirmFenced(ConfirmFencedSignal signal) {
    if (signal != null && refusedPayload("confirmFenced", signal.by(), signal.payloadProblem())) {
      return;
    }
    String by = signal == null ? null : signal.by();
    String note = signal == null ? null : signal.note();
    String refusal = null;
    if (by == null || by.isBlank()) {
      refusal = "the payload has no \"by\"";
    } else if (!state.awaitingFenceConfirmation) {
      refusal =
          "the workflow is not waiting for a fence confirmation; send it when status lists unconfirmed fences";
    }
    if (refusal == null) {
      state.fenceConfirmedBy = by;
    }
    state.gate.record(
        new SignalRecord("confirmFenced", by, note, StepLog.now(), refusal == null, refusal));
    state.publish();
  }

  void repinProgress(RepinProgress progress) {
    if (progress != null && state.phase == Phase.REPIN) {
      state.repinProgress = progress;
      state.publish();
    }
  }

  /**
   * Records a signal whose payload did not decode as refused, with the reason, and says whether it
   * was one. Before payloads were decoded strictly the SDK dropped such a signal unseen; recording
   * it issues no command, so histories that hold one still replay.
   */
  private boolean refusedPayload(String kind, String by, String problem) {
    if (problem == null) {
      return false;
    }
    state.gate.record(new SignalRecord(kind, by, null, StepLog.now(), false, problem));
    state.publish();
    return true;
  }
}
