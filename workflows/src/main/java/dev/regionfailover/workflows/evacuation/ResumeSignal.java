package dev.regionfailover.workflows.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code resume}: start new failovers again after a hold. {@code payloadProblem} is not
 * sent: it says why a payload did not decode.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ResumeSignal(String by, @JsonIgnore String payloadProblem) {

  public ResumeSignal(String by) {
    this(by, null);
  }
}
