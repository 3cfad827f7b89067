package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.pins.RepinProgress;
import java.util.List;

/**
 * Everything an operator needs at a glance: where the failover stands, what it did, what it waits
 * for, which resources of the old region could not be fenced, and which region is authoritative
 * now.
 */
public record FailoverStatus(
    String app,
    FailoverMode mode,
    String sourceRegion,
    String targetRegion,
    String requestedBy,
    String reason,
    Phase phase,
    List<StepStatus> steps,
    WaitingFor waitingFor,
    List<String> unconfirmedFences,
    List<SignalRecord> signals,
    AuthorityRecord authority,
    RpoEstimate rpo,
    long entitiesRepinned,
    List<Finding> findings,
    String outcome,
    RepinProgress repinProgress) {}
