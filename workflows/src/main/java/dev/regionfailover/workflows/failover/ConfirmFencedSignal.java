package dev.regionfailover.workflows.failover;

/**
 * Payload of {@code confirmFenced}: a human confirms that the resources the workflow could not
 * reach in the old region are isolated (stopped, cut off, or gone), so promotion cannot cause
 * split-brain writes.
 */
public record ConfirmFencedSignal(String by, String note) {}
