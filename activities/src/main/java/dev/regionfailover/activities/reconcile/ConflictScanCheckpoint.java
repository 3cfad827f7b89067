package dev.regionfailover.activities.reconcile;

import dev.regionfailover.workflows.reconcile.ItemConflict;
import java.util.List;
import java.util.Map;

/**
 * How far a conflict scan got, heartbeated after each page so a retry resumes after it: the scan's
 * next start key (attribute name to {@code S:}, {@code N:} or {@code B:} plus the value; null when
 * the scan has not started) and the counts and listed conflicts so far.
 */
public record ConflictScanCheckpoint(
    Map<String, String> startKey,
    long compared,
    long total,
    long onlyInOldRegion,
    List<ItemConflict> listed) {

  public ConflictScanCheckpoint {
    listed = listed == null ? List.of() : List.copyOf(listed);
  }

  static final ConflictScanCheckpoint START = new ConflictScanCheckpoint(null, 0, 0, 0, List.of());
}
