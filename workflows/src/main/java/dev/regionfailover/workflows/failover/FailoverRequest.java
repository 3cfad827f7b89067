package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * What the operator asks for. {@code app}, {@code targetRegion} and {@code requestedBy} are
 * required; {@code mode} defaults to PLANNED.
 *
 * <p>The mode travels as text and unknown keys are ignored so that whatever an operator types into
 * the Temporal CLI reaches the workflow, which answers a typo with a clear failure. An input that
 * is not a JSON object, or whose fields have the wrong JSON type, fails the workflow at once naming
 * the field ({@link StrictRecordDeserializer}).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record FailoverRequest(
    String app, String targetRegion, String mode, String reason, String requestedBy) {

  public FailoverRequest(
      String app, String targetRegion, FailoverMode mode, String reason, String requestedBy) {
    this(app, targetRegion, mode == null ? null : mode.name(), reason, requestedBy);
  }

  /** The workflow id that makes at most one failover per app run at a time. */
  public static String workflowId(String app) {
    return "failover-" + app;
  }

  /**
   * This request with its defaults filled in. The requester has none: {@link RequestValidation}
   * refuses a request without one.
   */
  public FailoverRequest withDefaults() {
    return new FailoverRequest(
        app,
        targetRegion,
        mode == null || mode.isBlank() ? FailoverMode.PLANNED.name() : mode,
        reason == null ? "" : reason,
        requestedBy);
  }

  /** This request on behalf of {@code requester}. */
  FailoverRequest withRequester(String requester) {
    return new FailoverRequest(app, targetRegion, mode, reason, requester);
  }
}
