package dev.regionfailover.workflows.failover;

/** Payload of {@code approvePromotion}. */
public record ApprovalSignal(String approver, String comment) {}
