package dev.regionfailover.workflows.aurora;

import dev.regionfailover.workflows.estate.Aurora;

/** Checks that the target's Aurora cluster can take over from the source's. */
public record ReadinessRequest(Aurora aurora, String sourceRegion, String targetRegion) {}
