package dev.regionfailover.workflows.failover;

/** Payload of {@code denyPromotion}. */
public record DenialSignal(String approver, String reason) {}
