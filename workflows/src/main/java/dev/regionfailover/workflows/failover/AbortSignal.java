package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code abort}.
 *
 * <p>{@code payloadProblem} is not sent: it says why a payload did not decode (see {@link
 * StrictRecordDeserializer}), and the workflow then records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record AbortSignal(String by, String reason, @JsonIgnore String payloadProblem) {

  public AbortSignal(String by, String reason) {
    this(by, reason, null);
  }
}
