package dev.regionfailover.devtools.local;

/** What the local stack's Temporal dev server does with the history of earlier runs. */
public enum TemporalHistory {
  /** Kept in memory only: every start is clean, as the demo wants. */
  IN_MEMORY,
  /** Kept in a file under {@code target/dev}, so that restarting {@code dev} keeps it. */
  KEPT,
  /** Kept in that file, which is deleted first: {@code dev --fresh}. */
  FRESH
}
