package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.finding.Finding;
import java.util.List;

/**
 * What a finished rehearsal proves, in the figures a compliance review asks for. Durations are in
 * milliseconds, {@code holdFor} is ISO-8601.
 *
 * <ul>
 *   <li>{@code startToTrafficShiftedMillis}: from the rehearsal's start (readiness included) to
 *       every traffic layer serving from the target;
 *   <li>{@code writeUnavailableMillis}: how long no region could write during the switch-over
 *       (FENCE start to ACTIVATE end); the switch-back's is in {@code switchBack};
 *   <li>{@code rpoSeconds}: the data lost, which a switchover guarantees is 0;
 *   <li>{@code switchBack} is null when the rehearsal rotated (stayed in the target).
 * </ul>
 */
public record RehearsalResult(
    String app,
    String sourceRegion,
    String targetRegion,
    boolean rotate,
    String holdFor,
    String requestedBy,
    RehearsalPhase outcome,
    String summary,
    String writerRegion,
    List<RehearsalStep> steps,
    List<Finding> readiness,
    int healthChecks,
    List<Finding> healthFindings,
    SwitchoverLeg switchover,
    SwitchoverLeg switchBack,
    long startToTrafficShiftedMillis,
    long writeUnavailableMillis,
    long rpoSeconds,
    long totalMillis) {}
