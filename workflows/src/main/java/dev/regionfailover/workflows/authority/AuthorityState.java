package dev.regionfailover.workflows.authority;

/** The state of an application's write authority. */
public enum AuthorityState {
  /** The ledger has no item for the app yet; the writer is whatever Aurora says. */
  NONE,
  /** One region holds write authority. */
  ACTIVE,
  /** No region may write: the old writer is fenced and the new one not yet promoted. */
  FENCED
}
