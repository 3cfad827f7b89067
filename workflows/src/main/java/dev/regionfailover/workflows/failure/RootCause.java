package dev.regionfailover.workflows.failure;

import io.temporal.failure.ApplicationFailure;

/**
 * What an operator reads when a step fails: Temporal wraps an activity's or child workflow's
 * failure in layers (ActivityFailure, ChildWorkflowFailure, ...), and the reason is the innermost
 * one. Of an {@link ApplicationFailure} it is the message the activity or workflow gave, without
 * the failure type Temporal appends.
 */
public final class RootCause {

  private RootCause() {}

  public static String message(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
