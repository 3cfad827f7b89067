package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * What an operator asks of a RecoverAuthority workflow. {@code app} and {@code requestedBy} are
 * required. {@code interruptedRunId} names the run of {@code failover-APP} that stopped, so that
 * recovery can read what it did (its mode, its source and the fleet capacity it recorded before
 * stopping the source's workers); {@code ./failover recover} fills it in, and without it recovery
 * works from AWS alone.
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record RecoverRequest(
    String app, String requestedBy, String reason, String interruptedRunId) {

  /** This request with its defaults filled in. */
  public RecoverRequest withDefaults() {
    return new RecoverRequest(app, requestedBy, reason == null ? "" : reason, interruptedRunId);
  }
}
