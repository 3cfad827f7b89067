package dev.regionfailover.devstack.process;

/**
 * Whether this run must have every real component (the Temporal CLI, nginx, openssl, Chromium)
 * instead of doing without: {@code .ci/run} sets {@value #REQUIRED_VARIABLE}, since CI must never
 * fall back to a stand-in or skip a test. The local stack then refuses the Java test server, and a
 * test missing a tool fails instead of being skipped.
 */
public final class RequiredTools {

  /** Set to {@code true} to make a missing real component a failure. */
  public static final String REQUIRED_VARIABLE = "REGIONFAILOVER_TEMPORAL_REQUIRED";

  private RequiredTools() {}

  /** Whether this run must have every real component ({@value #REQUIRED_VARIABLE}). */
  public static boolean required() {
    return Boolean.parseBoolean(System.getenv(REQUIRED_VARIABLE));
  }
}
