package dev.regionfailover.workflows.aurora;

import dev.regionfailover.workflows.estate.Aurora;

/**
 * Checks that the target's Aurora cluster can take over from the source's. When {@code
 * dataLossAllowed} (UNPLANNED), replication lag beyond the bound is a warning that becomes the RPO,
 * and an unreachable source cluster is a warning, not a failure.
 */
public record ReadinessRequest(
    Aurora aurora, String sourceRegion, String targetRegion, boolean dataLossAllowed) {}
