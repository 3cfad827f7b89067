package dev.regionfailover.devstack.process;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a real component it needs (the Temporal CLI, nginx, openssl, Chromium) is
 * not installed: where {@value RequiredTools#REQUIRED_VARIABLE} is set, as {@code .ci/run} sets it,
 * the test fails, since CI must never skip; elsewhere it is skipped, and the message says how to
 * install what is missing.
 */
public final class MissingTool {

  private MissingTool() {}

  /**
   * Fails or skips the calling test, as described above; it never returns normally.
   *
   * @param message what is missing and how to install it
   */
  public static <T> T skipOrFail(String message) {
    if (RequiredTools.required()) {
      throw new IllegalStateException(
          message + " (" + RequiredTools.REQUIRED_VARIABLE + " is set)");
    }
    return Assumptions.abort(message);
  }
}
