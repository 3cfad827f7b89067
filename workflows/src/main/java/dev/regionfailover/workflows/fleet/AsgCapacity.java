package dev.regionfailover.workflows.fleet;

/** The size of one Auto Scaling group. */
public record AsgCapacity(String name, int minSize, int maxSize, int desiredCapacity) {}
