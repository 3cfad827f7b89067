package dev.regionfailover.workflows.pins;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * A re-pin of every entity whose home is {@code fromRegion} to {@code toRegion}, written through
 * the table's replica in {@code tableRegion}, with a batch record of each page of moves in the
 * audit trail of {@code auditTable} (same region) under {@code app}. {@code progressWorkflowId}, if
 * not null, is signalled with progress. {@code carry} is null on a first run and holds the state
 * handed over by continue-as-new.
 *
 * <p>{@code planId} names this re-pin in the audit trail ({@code repin#<planId>#...}); null means
 * the workflow id and its first run id, unique per re-pin even when an app is re-pinned again.
 * {@code maxHistoryEvents} is the history length after which a run continues as new (0: {@link
 * #DEFAULT_MAX_HISTORY_EVENTS}).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record RepinPlan(
    String app,
    Pins pins,
    String tableRegion,
    String fromRegion,
    String toRegion,
    String auditTable,
    String progressWorkflowId,
    RepinCarry carry,
    String planId,
    int maxHistoryEvents) {

  public static final int DEFAULT_MAX_HISTORY_EVENTS = 1000;

  public RepinPlan {
    maxHistoryEvents = maxHistoryEvents <= 0 ? DEFAULT_MAX_HISTORY_EVENTS : maxHistoryEvents;
  }

  /** A first run with the default plan id and history threshold. */
  public RepinPlan(
      String app,
      Pins pins,
      String tableRegion,
      String fromRegion,
      String toRegion,
      String auditTable,
      String progressWorkflowId) {
    this(
        app,
        pins,
        tableRegion,
        fromRegion,
        toRegion,
        auditTable,
        progressWorkflowId,
        null,
        null,
        0);
  }

  /** This plan for the next run, resuming from {@code next}, under the id the first run chose. */
  public RepinPlan continuedWith(String resolvedPlanId, RepinCarry next) {
    return new RepinPlan(
        app,
        pins,
        tableRegion,
        fromRegion,
        toRegion,
        auditTable,
        progressWorkflowId,
        next,
        resolvedPlanId,
        maxHistoryEvents);
  }
}
