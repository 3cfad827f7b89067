package dev.regionfailover.workflows.estate;

/**
 * A Lambda event source mapping, named by its function and event source ARN rather than by its
 * generated UUID, so the estate reads the same in every account.
 */
public record EventSourceMappingRef(String function, String eventSourceArn) {}
