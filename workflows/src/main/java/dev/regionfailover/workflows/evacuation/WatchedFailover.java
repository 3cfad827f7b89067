package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;

/**
 * How a watched failover ended: COMPLETED or ABORTED with its result, or FAILED with the message of
 * its failure (a failed, terminated, cancelled or timed-out run) and no result.
 */
public record WatchedFailover(
    String workflowId, Phase outcome, FailoverResult result, String message) {}
