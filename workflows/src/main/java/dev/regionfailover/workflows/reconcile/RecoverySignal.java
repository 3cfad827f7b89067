package dev.regionfailover.workflows.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * An operator's word that the old region answers again, which ends the wait for it at once.
 *
 * <p>{@code payloadProblem} is not sent: it says why a payload did not decode (see {@link
 * StrictRecordDeserializer}), and the workflow then records the signal as refused.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record RecoverySignal(String by, String note, @JsonIgnore String payloadProblem) {

  public RecoverySignal(String by, String note) {
    this(by, note, null);
  }
}
