package dev.regionfailover.workflows.pins;

import dev.regionfailover.workflows.estate.Pins;

/**
 * A re-pin of every entity whose home is {@code fromRegion} to {@code toRegion}, written through
 * the table's replica in {@code tableRegion}, with a batch record of each page of moves in the
 * audit trail of {@code auditTable} (same region) under {@code app}. {@code progressWorkflowId}, if
 * not null, is signalled with progress. {@code carry} is null on a first run and holds the state
 * handed over by continue-as-new.
 */
public record RepinPlan(
    String app,
    Pins pins,
    String tableRegion,
    String fromRegion,
    String toRegion,
    String auditTable,
    String progressWorkflowId,
    RepinCarry carry) {}
