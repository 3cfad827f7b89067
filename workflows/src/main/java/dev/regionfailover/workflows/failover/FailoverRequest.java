package dev.regionfailover.workflows.failover;

/**
 * What the operator asks for. Only {@code app} and {@code targetRegion} are required; {@code mode}
 * defaults to PLANNED.
 */
public record FailoverRequest(
    String app, String targetRegion, FailoverMode mode, String reason, String requestedBy) {

  /** The workflow id that makes at most one failover per app run at a time. */
  public static String workflowId(String app) {
    return "failover-" + app;
  }

  /** This request with its defaults filled in. */
  public FailoverRequest withDefaults() {
    return new FailoverRequest(
        app,
        targetRegion,
        mode == null ? FailoverMode.PLANNED : mode,
        reason == null ? "" : reason,
        requestedBy == null || requestedBy.isBlank() ? "unspecified" : requestedBy);
  }
}
