package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.Phase;

/**
 * Where one failover stands: its phase (null when it could not be read, {@code problem} then says
 * why) and, in words, what it waits for.
 */
public record ChildPhase(String workflowId, Phase phase, String waitingFor, String problem) {}
