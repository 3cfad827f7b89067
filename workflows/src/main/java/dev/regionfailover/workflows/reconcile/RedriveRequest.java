package dev.regionfailover.workflows.reconcile;

/**
 * Moves at most {@code maxMessages} messages from dead-letter queue {@code deadLetterQueue} of
 * {@code fromRegion} to queue {@code queue} of {@code toRegion}.
 */
public record RedriveRequest(
    String deadLetterQueue, String fromRegion, String queue, String toRegion, int maxMessages) {}
