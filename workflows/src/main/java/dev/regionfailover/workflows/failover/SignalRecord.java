package dev.regionfailover.workflows.failover;

/**
 * A signal the workflow received, and whether it counted. {@code kind} is the signal name; a signal
 * that did not count says why in {@code note}, and a verified approval that counted names there the
 * principal STS confirmed ({@code verified as ARN}).
 */
public record SignalRecord(
    String kind, String by, String text, String at, boolean accepted, String note) {}
