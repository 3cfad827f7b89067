package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.finding.Finding;
import java.util.List;

/**
 * Where a rehearsal stands: its phase and steps, the child workflow that is running now (follow it
 * with {@code ./failover status APP} when it is a failover), until when it holds in the target, the
 * health checks so far, and the figures of each finished switch-over.
 */
public record RehearsalStatus(
    String app,
    String sourceRegion,
    String targetRegion,
    boolean rotate,
    String holdFor,
    String requestedBy,
    RehearsalPhase phase,
    List<RehearsalStep> steps,
    String runningWorkflowId,
    String holdUntil,
    int healthChecks,
    List<Finding> lastHealthFindings,
    SwitchoverLeg switchover,
    SwitchoverLeg switchBack,
    String outcome) {}
