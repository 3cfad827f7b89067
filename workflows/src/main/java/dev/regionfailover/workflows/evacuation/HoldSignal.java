package dev.regionfailover.workflows.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code hold}: stop starting new failovers; the running ones go on. {@code
 * payloadProblem} is not sent: it says why a payload did not decode.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record HoldSignal(String by, String reason, @JsonIgnore String payloadProblem) {

  public HoldSignal(String by, String reason) {
    this(by, reason, null);
  }
}
