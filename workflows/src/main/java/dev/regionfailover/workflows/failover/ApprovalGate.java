package dev.regionfailover.workflows.failover;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether approvals and denials count: the approver must be on the estate's allow-list,
 * must not be the requester, and may only answer while the workflow asks for an answer. Every
 * signal is recorded, counted or not, so status shows why one was ignored.
 */
final class ApprovalGate {

  private final List<SignalRecord> records = new ArrayList<>();
  private final Set<String> approvedBy = new LinkedHashSet<>();
  private List<String> approvers = List.of();
  private String requestedBy;
  private int required = 1;
  private boolean open;
  private SignalRecord denial;

  /** Opens the gate once the estate is known and the old writer is fenced. */
  void open(List<String> approvers, String requestedBy, int required) {
    this.approvers = List.copyOf(approvers);
    this.requestedBy = requestedBy;
    this.required = required;
    this.open = true;
  }

  void close() {
    open = false;
  }

  boolean isOpen() {
    return open;
  }

  SignalRecord approve(ApprovalSignal signal, String at) {
    String approver = signal == null ? null : signal.approver();
    String comment = signal == null ? null : signal.comment();
    String refusal = approvalRefusal(approver);
    if (refusal == null) {
      approvedBy.add(approver);
    }
    SignalRecord record =
        new SignalRecord("approvePromotion", approver, comment, at, refusal == null, refusal);
    records.add(record);
    return record;
  }

  /** Why an approval by {@code approver} would not count now, or null when it would. */
  String approvalRefusal(String approver) {
    String refusal = refusal(approver);
    if (refusal == null && approvedBy.contains(approver)) {
      return approver + " has already approved; a second approval must come from someone else";
    }
    return refusal;
  }

  SignalRecord deny(DenialSignal signal, String at) {
    String approver = signal == null ? null : signal.approver();
    String reason = signal == null ? null : signal.reason();
    String refusal = denialRefusal(approver);
    SignalRecord record =
        new SignalRecord("denyPromotion", approver, reason, at, refusal == null, refusal);
    if (refusal == null) {
      denial = record;
    }
    records.add(record);
    return record;
  }

  /** Why a denial by {@code approver} would not count now, or null when it would. */
  String denialRefusal(String approver) {
    String refusal = refusal(approver);
    if (refusal != null
        && open
        && approver != null
        && approver.equals(requestedBy)
        && approvers.contains(approver)) {
      // The requester may withdraw their own request while it waits for approval, even though
      // they may not approve it. Once the gate has closed a denial changes nothing, so it does
      // not count, as an approval would not.
      refusal = null;
    }
    if (refusal == null && denial != null) {
      return "already denied by " + denial.by();
    }
    return refusal;
  }

  /** How many distinct approvals counted so far. */
  int approvals() {
    return approvedBy.size();
  }

  /** Records a signal that is not an approval, such as abort, in the same list. */
  void record(SignalRecord record) {
    records.add(record);
  }

  boolean approved() {
    return approvedBy.size() >= required;
  }

  SignalRecord denial() {
    return denial;
  }

  List<String> approvedBy() {
    return List.copyOf(approvedBy);
  }

  List<String> approvers() {
    return approvers;
  }

  int required() {
    return required;
  }

  List<SignalRecord> records() {
    return List.copyOf(records);
  }

  private String refusal(String approver) {
    if (!open) {
      return "the workflow is not waiting for approval; send it when status shows phase AWAIT_APPROVAL";
    }
    if (approver == null || approver.isBlank()) {
      return "the payload has no \"approver\"";
    }
    if (!approvers.contains(approver)) {
      return approver + " is not an approver of this app " + approvers;
    }
    if (approver.equals(requestedBy)) {
      return approver + " requested this failover and cannot approve it";
    }
    return null;
  }
}
