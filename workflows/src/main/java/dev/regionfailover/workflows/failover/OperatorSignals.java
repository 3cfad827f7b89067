package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.identity.CallerIdentity;
import dev.regionfailover.workflows.identity.IdentityActivities;
import dev.regionfailover.workflows.pins.RepinProgress;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Takes the failover's operator signals and updates into its state. Each signal is recorded,
 * counted or refused with the reason, so that status shows why one was ignored; the waiting phases
 * see the change. The {@code *Refusal} methods say, without changing anything, why a payload would
 * not count: the update validators reject with exactly that reason, and the handlers of signal and
 * update alike then record it through the same method here.
 *
 * <p>Where the estate sets verified approvers, an approval that passes every other check is sent to
 * STS by an activity before it is recorded: the handler waits for the answer, and a validator,
 * which cannot call activities, checks everything but STS.
 */
final class OperatorSignals {

  private final FailoverState state;
  private final IdentityActivities identities;

  OperatorSignals(FailoverState state, IdentityActivities identities) {
    this.state = requireNonNull(state, "state is null");
    this.identities = requireNonNull(identities, "identities is null");
  }

  SignalRecord approvePromotion(ApprovalSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return refusedPayload("approvePromotion", signal.approver(), signal.payloadProblem());
    }
    ApprovalGate gate = state.gate;
    SignalRecord record;
    if (gate.verifying() && gate.approvalRefusal(signal, now()) == null) {
      gate.use(signal.identity());
      CallerIdentity caller = null;
      String stsRefusal = null;
      try {
        caller = identities.callerIdentity(signal.identity());
      } catch (ActivityFailure e) {
        stsRefusal = "STS did not confirm the identity: " + RootCause.message(e);
      }
      record = gate.approveVerified(signal, StepLog.now(), caller, stsRefusal);
    } else {
      record = gate.approve(signal, StepLog.now(), now());
    }
    state.publish();
    return record;
  }

  String approvalRefusal(ApprovalSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return signal.payloadProblem();
    }
    return state.gate.approvalRefusal(signal, now());
  }

  SignalRecord denyPromotion(DenialSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return refusedPayload("denyPromotion", signal.approver(), signal.payloadProblem());
    }
    SignalRecord record = state.gate.deny(signal, StepLog.now());
    state.publish();
    return record;
  }

  String denialRefusal(DenialSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return signal.payloadProblem();
    }
    return state.gate.denialRefusal(signal == null ? null : signal.approver());
  }

  SignalRecord abort(AbortSignal signal) {
    String by = signal == null ? null : signal.by();
    String reason = signal == null ? null : signal.reason();
    String refusal = abortRefusal(signal);
    if (refusal == null) {
      state.abortRequest =
          new AbortSignal(by == null ? "unspecified" : by, reason == null ? "" : reason);
    }
    SignalRecord record =
        new SignalRecord("abort", by, reason, StepLog.now(), refusal == null, refusal);
    state.gate.record(record);
    state.publish();
    return record;
  }

  String abortRefusal(AbortSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return signal.payloadProblem();
    }
    if (state.promotionStarted && state.mode == FailoverMode.RECOVER) {
      return "the recovery is making its changes and has no undo; let it finish, then run"
          + " ./failover recover again if the result is not what you want";
    }
    if (state.promotionStarted) {
      return "promotion has begun and is never rolled back automatically; failing back is a new planned failover";
    }
    if (state.isFinal()) {
      return "the failover already ended " + state.phase;
    }
    if (state.abortRequest != null) {
      return "already aborting at the request of " + state.abortRequest.by();
    }
    return null;
  }

  SignalRecord confirmFenced(ConfirmFencedSignal signal) {
    String by = signal == null ? null : signal.by();
    String note = signal == null ? null : signal.note();
    String refusal = confirmFencedRefusal(signal);
    if (refusal == null) {
      state.fenceConfirmedBy = by;
    }
    SignalRecord record =
        new SignalRecord("confirmFenced", by, note, StepLog.now(), refusal == null, refusal);
    state.gate.record(record);
    state.publish();
    return record;
  }

  String confirmFencedRefusal(ConfirmFencedSignal signal) {
    if (signal != null && signal.payloadProblem() != null) {
      return signal.payloadProblem();
    }
    String by = signal == null ? null : signal.by();
    if (by == null || by.isBlank()) {
      return "the payload has no \"by\"";
    }
    if (!state.awaitingFenceConfirmation) {
      return "the workflow is not waiting for a fence confirmation; send it when status lists unconfirmed fences";
    }
    if (state.fenceConfirmedBy != null) {
      return "the fences were already confirmed by " + state.fenceConfirmedBy;
    }
    return null;
  }

  void repinProgress(RepinProgress progress) {
    if (progress != null && state.phase == Phase.REPIN) {
      state.repinProgress = progress;
      state.publish();
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /**
   * Records a signal whose payload did not decode as refused, with the reason. Before payloads were
   * decoded strictly the SDK dropped such a signal unseen; recording it issues no command, so
   * histories that hold one still replay.
   */
  private SignalRecord refusedPayload(String kind, String by, String problem) {
    SignalRecord record = new SignalRecord(kind, by, null, StepLog.now(), false, problem);
    state.gate.record(record);
    state.publish();
    return record;
  }
}
