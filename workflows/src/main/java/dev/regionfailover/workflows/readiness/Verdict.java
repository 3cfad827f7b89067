package dev.regionfailover.workflows.readiness;

/** How one readiness check came out. */
public enum Verdict {
  PASS,
  WARN,
  FAIL
}
