package dev.regionfailover.workflows.pins;

/** How many entities a count found. */
public record EntityCount(long entities) {}
