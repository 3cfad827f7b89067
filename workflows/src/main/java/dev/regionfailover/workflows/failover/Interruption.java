package dev.regionfailover.workflows.failover;

/** Unwinds the saga when an operator aborts between steps; caught by the workflow method. */
final class Interruption extends RuntimeException {

  Interruption(String message) {
    super(message, null, false, false);
  }
}
