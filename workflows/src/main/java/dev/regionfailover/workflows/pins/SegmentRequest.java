package dev.regionfailover.workflows.pins;

import dev.regionfailover.workflows.estate.Pins;

/**
 * One step of one segment of a re-pin: segment {@code checkpoint.segment()} of {@code segments}
 * owns the entities whose key hashes to it, and moves them from {@code fromRegion} to {@code
 * toRegion} through the table's replica in {@code tableRegion}, starting at {@code checkpoint}.
 * Each batch of moves is recorded in the audit trail of {@code auditTable} under {@code app} and
 * {@code planId}. The step returns after {@code maxPages} index pages or {@code maxMillis},
 * whichever comes first, so that each activity call stays short and the workflow sees progress.
 */
public record SegmentRequest(
    String app,
    String planId,
    Pins pins,
    String tableRegion,
    String fromRegion,
    String toRegion,
    String auditTable,
    int segments,
    SegmentCheckpoint checkpoint,
    int maxPages,
    long maxMillis) {}
