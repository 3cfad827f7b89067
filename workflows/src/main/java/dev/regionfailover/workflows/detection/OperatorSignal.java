package dev.regionfailover.workflows.detection;

/** Payload of {@code pause} and {@code resume}: who, and why. */
public record OperatorSignal(String by, String reason) {}
