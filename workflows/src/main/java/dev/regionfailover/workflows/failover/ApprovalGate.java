package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.estate.VerifiedApprovers;
import dev.regionfailover.workflows.identity.CallerIdentity;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether approvals and denials count: the approver must be on the estate's allow-list,
 * must not be the requester, and may only answer while the workflow asks for an answer. Where the
 * estate sets verified approvers, an approval must also carry a signed GetCallerIdentity request,
 * bound to this run, fresh and never seen before, that STS answers with the approver's own
 * principal. Every signal is recorded, counted or not, so status shows why one was ignored.
 */
final class ApprovalGate {

  private final List<SignalRecord> records = new ArrayList<>();
  private final Set<String> approvedBy = new LinkedHashSet<>();
  private final Set<String> usedSignatures = new HashSet<>();
  private List<String> approvers = List.of();
  private String requestedBy;
  private int required = 1;
  private boolean open;
  private SignalRecord denial;
  private VerifiedApprovers verified;
  private String binding;

  /** Opens the gate once the estate is known and the old writer is fenced. */
  void open(List<String> approvers, String requestedBy, int required) {
    this.approvers = List.copyOf(approvers);
    this.requestedBy = requestedBy;
    this.required = required;
    this.open = true;
  }

  /**
   * Opens the gate for verified approvers: each approval's identity must be bound to {@code
   * binding}, the workflow id and first run id, and be signed by the approver's principal.
   */
  void openVerified(
      List<String> approvers,
      String requestedBy,
      int required,
      VerifiedApprovers verified,
      String binding) {
    open(approvers, requestedBy, required);
    this.verified = verified;
    this.binding = binding;
  }

  /** Whether approvals must prove their AWS identity. */
  boolean verifying() {
    return verified != null;
  }

  void close() {
    open = false;
  }

  boolean isOpen() {
    return open;
  }

  /** Records an approval that STS has not been asked about: a named one, or one refused before. */
  SignalRecord approve(ApprovalSignal signal, String at, Instant now) {
    return approval(signal, at, approvalRefusal(signal, now), null);
  }

  /**
   * Records an approval whose identity STS answered: {@code caller} is whose credentials signed it,
   * or null when STS refused it for {@code stsRefusal}.
   */
  SignalRecord approveVerified(
      ApprovalSignal signal, String at, CallerIdentity caller, String stsRefusal) {
    String approver = signal.approver();
    String refusal = approvalRefusal(approver);
    if (refusal == null) {
      refusal = caller == null ? stsRefusal : principalRefusal(approver, caller.arn());
    }
    return approval(signal, at, refusal, caller == null ? null : "verified as " + caller.arn());
  }

  /** Why an approval would not count now, STS aside, or null when it would. */
  String approvalRefusal(ApprovalSignal signal, Instant now) {
    String refusal = approvalRefusal(signal == null ? null : signal.approver());
    if (refusal == null && verified != null) {
      refusal = identityRefusal(signal.identity(), now);
    }
    return refusal;
  }

  /**
   * Marks the identity's signature used before STS is asked about it, so that a copy sent while STS
   * answers is refused as reused.
   */
  void use(SignedCallerIdentity identity) {
    usedSignatures.add(identity.signature());
  }

  private SignalRecord approval(ApprovalSignal signal, String at, String refusal, String note) {
    String approver = signal == null ? null : signal.approver();
    String comment = signal == null ? null : signal.comment();
    if (refusal == null) {
      approvedBy.add(approver);
    }
    SignalRecord record =
        new SignalRecord(
            "approvePromotion",
            approver,
            comment,
            at,
            refusal == null,
            refusal == null ? note : refusal);
    records.add(record);
    return record;
  }

  private String identityRefusal(SignedCallerIdentity identity, Instant now) {
    if (identity == null) {
      return "this app requires verified approvers: the approval needs an \"identity\", an"
          + " sts:GetCallerIdentity request signed with the approver's own AWS credentials; send"
          + " it with ./failover approve APP --as NAME --verify";
    }
    String problem = identity.problem(now);
    if (problem == null) {
      problem = identity.bindingProblem(binding);
    }
    if (problem == null && usedSignatures.contains(identity.signature())) {
      problem =
          "the identity was already used by an earlier approval; each approval needs a newly"
              + " signed one (./failover approve --verify signs one)";
    }
    return problem;
  }

  private String principalRefusal(String approver, String arn) {
    String expected = verified.principal(approver);
    if (arn.equals(verified.principal(requestedBy))) {
      return "the identity is signed by "
          + arn
          + ", the principal of "
          + requestedBy
          + " who requested this failover and cannot approve it";
    }
    if (!arn.equals(expected)) {
      String owner = verified.approverOf(arn);
      return "the identity is signed by "
          + arn
          + (owner == null ? "" : ", " + owner + "'s principal")
          + ", not by "
          + approver
          + "'s principal "
          + expected;
    }
    return null;
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
