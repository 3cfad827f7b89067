package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.finding.Finding;
import java.util.List;

/**
 * The summary a finished failover returns: its outcome, each step with its duration, the authority
 * it left, and what reconciliation found.
 */
public record FailoverResult(
    String app,
    FailoverMode mode,
    String sourceRegion,
    String targetRegion,
    Phase outcome,
    String summary,
    List<StepStatus> steps,
    AuthorityRecord authority,
    RpoEstimate rpo,
    long entitiesRepinned,
    List<Finding> findings,
    long totalMillis) {}
