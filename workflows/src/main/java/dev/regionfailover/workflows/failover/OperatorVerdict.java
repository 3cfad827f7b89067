package dev.regionfailover.workflows.failover;

/**
 * What an accepted operator update did, as its sender gets it back: {@code kind} is the signal name
 * it is recorded under in status, {@code phase} the failover's phase when it counted, and {@code
 * effect} what happens now, such as {@code approval 1 of 2 recorded; waiting for 1 more distinct
 * approver}.
 */
public record OperatorVerdict(String kind, String by, String at, Phase phase, String effect) {}
