package dev.regionfailover.workflows.evacuation;

import java.util.List;
import java.util.Map;

/**
 * Everything an operator needs at a glance: counts per phase (a running app counts under its
 * failover's phase, the others under their state), one line per app in plan order, the slowest app,
 * the estimated time left (null until an app has finished), the held apps with why, the approvals
 * and the signals received.
 */
public record EvacuationStatus(
    String evacuationId,
    String region,
    String mode,
    String approval,
    String requestedBy,
    String reason,
    EvacuationState state,
    int maxConcurrent,
    Map<String, Integer> counts,
    List<AppLine> apps,
    String slowest,
    Long estimatedRemainingMillis,
    List<String> held,
    List<String> approvals,
    int approvalsNeeded,
    List<String> signals,
    List<String> notes,
    String outcome) {}
