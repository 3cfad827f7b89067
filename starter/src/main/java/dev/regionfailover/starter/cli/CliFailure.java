package dev.regionfailover.starter.cli;

/** An operation that failed for a reason the operator can act on; its message says which. */
public final class CliFailure extends RuntimeException {

  public CliFailure(String message) {
    super(message);
  }

  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
