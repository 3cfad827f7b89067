package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Payload of {@code confirmFenced}: a human confirms that the resources the workflow could not
 * reach in the old region are isolated (stopped, cut off, or gone), so promotion cannot cause
 * split-brain writes.
 *
 * <p>{@code payloadProblem} is not sent: it says why a payload did not decode (see {@link
 * StrictRecordDeserializer}), and the workflow then records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ConfirmFencedSignal(String by, String note, @JsonIgnore String payloadProblem) {

  public ConfirmFencedSignal(String by, String note) {
    this(by, note, null);
  }
}
