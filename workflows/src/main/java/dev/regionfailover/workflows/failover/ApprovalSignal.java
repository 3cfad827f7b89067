package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code approvePromotion}.
 *
 * <p>{@code identity} is needed only where the estate sets {@code approvals.verified}: a signed
 * {@code sts:GetCallerIdentity} request proving that the approver's own AWS credentials sent the
 * approval ({@code ./failover approve --verify} signs one). {@code payloadProblem} is not sent: it
 * says why a payload did not decode (see {@link StrictRecordDeserializer}), and the workflow then
 * records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ApprovalSignal(
    String approver,
    String comment,
    @JsonInclude(JsonInclude.Include.NON_NULL) SignedCallerIdentity identity,
    @JsonIgnore String payloadProblem) {

  public ApprovalSignal(String approver, String comment) {
    this(approver, comment, null, null);
  }

  public ApprovalSignal(String approver, String comment, String payloadProblem) {
    this(approver, comment, null, payloadProblem);
  }

  /** An approval that proves the approver's AWS identity. */
  public ApprovalSignal(String approver, String comment, SignedCallerIdentity identity) {
    this(approver, comment, identity, null);
  }
}
