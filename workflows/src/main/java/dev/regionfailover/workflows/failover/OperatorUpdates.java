package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import io.temporal.failure.ApplicationFailure;

/**
 * The failover's operator updates: each validator rejects, with the reason status would record, a
 * payload that its signal twin would record as not counted, so the sender hears it at once; each
 * handler then records the payload through the signal's own code and answers what it did.
 */
final class OperatorUpdates {

  /** The failure type of an update that passed its validator but did not count after all. */
  static final String NOT_COUNTED = "NotCounted";

  private final FailoverState state;
  private final OperatorSignals signals;

  OperatorUpdates(FailoverState state, OperatorSignals signals) {
    this.state = requireNonNull(state, "state is null");
    this.signals = requireNonNull(signals, "signals is null");
  }

  void validateApproval(ApprovalSignal signal) {
    reject(signals.approvalRefusal(signal));
  }

  OperatorVerdict approvePromotion(ApprovalSignal signal) {
    SignalRecord record = counted(signals.approvePromotion(signal));
    ApprovalGate gate = state.gate;
    int missing = gate.required() - gate.approvals();
    return verdict(
        record,
        "approval "
            + gate.approvals()
            + " of "
            + gate.required()
            + " recorded; "
            + (missing <= 0
                ? "promotion goes ahead"
                : "waiting for "
                    + missing
                    + " more distinct approver"
                    + (missing == 1 ? "" : "s")));
  }

  void validateDenial(DenialSignal signal) {
    reject(signals.denialRefusal(signal));
  }

  OperatorVerdict denyPromotion(DenialSignal signal) {
    return verdict(
        counted(signals.denyPromotion(signal)),
        "denial recorded; the failover undoes every change and ends ABORTED");
  }

  void validateAbort(AbortSignal signal) {
    reject(signals.abortRefusal(signal));
  }

  OperatorVerdict abort(AbortSignal signal) {
    return verdict(
        counted(signals.abort(signal)),
        "abort recorded; the failover undoes every change and ends ABORTED");
  }

  void validateConfirmFenced(ConfirmFencedSignal signal) {
    reject(signals.confirmFencedRefusal(signal));
  }

  OperatorVerdict confirmFenced(ConfirmFencedSignal signal) {
    return verdict(
        counted(signals.confirmFenced(signal)),
        "fence confirmation recorded; the failover goes on to AWAIT_APPROVAL");
  }

  /**
   * Rejects the update with the reason as its message. Any exception a validator throws rejects the
   * update; this one is not a Temporal failure because the SDK logs those, in a validator, as a
   * failure of the whole workflow execution, which a refused approval is not.
   */
  private static void reject(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /**
   * Fails the update when its payload did not count after all. A handler runs after its validator
   * but not necessarily right after: another update's handler may run in between, so the second of
   * two identical approvals can pass its validator and be refused only here.
   */
  private static SignalRecord counted(SignalRecord record) {
    if (!record.accepted()) {
      throw ApplicationFailure.newNonRetryableFailure(record.note(), NOT_COUNTED);
    }
    return record;
  }

  private OperatorVerdict verdict(SignalRecord record, String effect) {
    return new OperatorVerdict(record.kind(), record.by(), record.at(), state.phase, effect);
  }
}
