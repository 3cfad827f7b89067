package dev.regionfailover.workflows.reconcile;

/**
 * How many dead letters were moved, and how many the dead-letter queue still reported afterwards
 * (approximate, as SQS counts are).
 */
public record RedriveResult(
    String deadLetterQueue,
    String fromRegion,
    String queue,
    String toRegion,
    long moved,
    long remaining) {}
