package dev.regionfailover.workflows.estate;

/**
 * An SQS queue of one region whose messages may be stranded there after a failover, with its
 * dead-letter queue (may be null). When {@code redrive} is set, reconciliation moves the old
 * region's dead letters to the same queue in the new writer region.
 */
public record QueueRef(String queue, String deadLetterQueue, boolean redrive) {}
