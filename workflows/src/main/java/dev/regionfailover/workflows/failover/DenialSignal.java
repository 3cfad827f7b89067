package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code denyPromotion}.
 *
 * <p>{@code payloadProblem} is not sent: it says why a payload did not decode (see {@link
 * StrictRecordDeserializer}), and the workflow then records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record DenialSignal(String approver, String reason, @JsonIgnore String payloadProblem) {

  public DenialSignal(String approver, String reason) {
    this(approver, reason, null);
  }
}
