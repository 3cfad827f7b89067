package dev.regionfailover.workflows.failover;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the operator asks for. Only {@code app} and {@code targetRegion} are required; {@code mode}
 * defaults to PLANNED.
 *
 * <p>The mode travels as text and unknown keys are ignored so that whatever an operator types into
 * the Temporal CLI reaches the workflow, which answers a typo with a clear failure. An input that
 * could not be decoded would instead fail every workflow task and leave the failover stuck without
 * a word.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverRequest(
    String app, String targetRegion, String mode, String reason, String requestedBy) {

  @JsonCreator
  public FailoverRequest {}

  public FailoverRequest(
      String app, String targetRegion, FailoverMode mode, String reason, String requestedBy) {
    this(app, targetRegion, mode == null ? null : mode.name(), reason, requestedBy);
  }

  /** The workflow id that makes at most one failover per app run at a time. */
  public static String workflowId(String app) {
    return "failover-" + app;
  }

  /** This request with its defaults filled in. */
  public FailoverRequest withDefaults() {
    return new FailoverRequest(
        app,
        targetRegion,
        mode == null || mode.isBlank() ? FailoverMode.PLANNED.name() : mode,
        reason == null ? "" : reason,
        requestedBy == null || requestedBy.isBlank() ? "unspecified" : requestedBy);
  }
}
