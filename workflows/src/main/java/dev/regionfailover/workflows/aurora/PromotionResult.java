package dev.regionfailover.workflows.aurora;

/**
 * The writer after promotion and its endpoint. {@code issued} is false when a retry found the
 * promotion already requested or done, so it did not request it again.
 */
public record PromotionResult(String writerClusterArn, String writerEndpoint, boolean issued) {}
