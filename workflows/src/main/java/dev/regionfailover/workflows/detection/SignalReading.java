package dev.regionfailover.workflows.detection;

/** One signal in one sample: whether it reads impaired, and what was observed, for people. */
public record SignalReading(SignalKind kind, boolean impaired, String observed) {}
