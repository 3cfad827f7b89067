package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.estate.ReplicatedTable;

/**
 * Finds the items of {@code table} that were written in both regions: the old region's replica is
 * scanned and each item compared with the writer region's. {@code windowStartMillis} (0 when
 * unknown) excludes items whose replication timestamps both predate the failover. At most {@code
 * maxListed} conflicts are listed; all are counted.
 */
public record ConflictRequest(
    ReplicatedTable table,
    String oldRegion,
    String writerRegion,
    long windowStartMillis,
    int maxListed) {}
