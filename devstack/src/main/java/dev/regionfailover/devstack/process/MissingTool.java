package dev.regionfailover.devstack.process;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a real component it needs (the Temporal CLI, nginx, openssl, Chromium) is
 * not installed: where {@value #REQUIRED_VARIABLE} is set, as {@code .ci/run} sets it, the test
 * fails, since CI must never skip; elsewhere it is skipped, and the message says how to install
 * what is missing.
 */
public final class MissingTool {

  /** Set to {@code true} to make a missing tool a failure of the tests that need it. */
  public static final String REQUIRED_VARIABLE = "REGIONFAILOVER_TEMPORAL_REQUIRED";

  private MissingTool() {}

  /** Whether this run must have every real component ({@value #REQUIRED_VARIABLE}). */
  public static boolean required() {
    return Boolean.parseBoolean(System.getenv(REQUIRED_VARIABLE));
  }

  /**
   * Fails or skips the calling test, as described above; it never returns normally.
   *
   * @param message what is missing and how to install it
   */
  public static <T> T skipOrFail(String message) {
    if (required()) {
      throw new IllegalStateException(message + " (" + REQUIRED_VARIABLE + " is set)");
    }
    return Assumptions.abort(message);
  }
}
