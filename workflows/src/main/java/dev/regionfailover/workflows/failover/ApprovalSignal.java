package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code approvePromotion}.
 *
 * <p>{@code payloadProblem} is not sent: it says why a payload did not decode (see {@link
 * StrictRecordDeserializer}), and the workflow then records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ApprovalSignal(String approver, String comment, @JsonIgnore String payloadProblem) {

  public ApprovalSignal(String approver, String comment) {
    this(approver, comment, null);
  }
}
