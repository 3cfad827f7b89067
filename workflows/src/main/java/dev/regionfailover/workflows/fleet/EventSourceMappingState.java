package dev.regionfailover.workflows.fleet;

/** Whether a Lambda event source mapping delivers events. */
public record EventSourceMappingState(String function, String eventSourceArn, boolean enabled) {}
