package dev.regionfailover.workflows.finding;

/** How one check came out: readiness, reconcile and rehearsal all grade what they find this way. */
public enum Verdict {
  PASS,
  WARN,
  FAIL
}
