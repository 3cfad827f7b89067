package dev.regionfailover.workflows.visibility;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The typed search attributes that the project's workflows upsert, so that operators can list
 * failovers by app, phase, mode and target in the Temporal UI and CLI, for example {@code
 * FailoverPhase="AWAIT_APPROVAL"}. A namespace must have them registered before a workflow upserts
 * them: the dev stack registers {@link #ALL}, and docs/runbook.md gives the commands for a
 * production namespace.
 */
public final class SearchAttributes {

  /** The application a workflow acts for; every workflow type sets it. */
  public static final SearchAttributeKey<String> FAILOVER_APP =
      SearchAttributeKey.forKeyword("FailoverApp");

  /** The failover's current phase, one of {@code Phase}'s names. */
  public static final SearchAttributeKey<String> FAILOVER_PHASE =
      SearchAttributeKey.forKeyword("FailoverPhase");

  /** PLANNED, UNPLANNED or DRILL. */
  public static final SearchAttributeKey<String> FAILOVER_MODE =
      SearchAttributeKey.forKeyword("FailoverMode");

  /** The region the failover moves the app to. */
  public static final SearchAttributeKey<String> FAILOVER_TARGET_REGION =
      SearchAttributeKey.forKeyword("FailoverTargetRegion");

  /**
   * The workflow id of the evacuation a failover belongs to ({@code evacuate-<region>}), set on the
   * evacuation itself and on each failover it starts, so that {@code
   * FailoverEvacuation="evacuate-us-east-1"} lists them all.
   */
  public static final SearchAttributeKey<String> FAILOVER_EVACUATION =
      SearchAttributeKey.forKeyword("FailoverEvacuation");

  /** Every key above, in the order docs/contract.md lists them. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          FAILOVER_APP, FAILOVER_PHASE, FAILOVER_MODE, FAILOVER_TARGET_REGION, FAILOVER_EVACUATION);

  private SearchAttributes() {}
}
