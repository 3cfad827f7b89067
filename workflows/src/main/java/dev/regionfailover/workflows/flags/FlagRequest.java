package dev.regionfailover.workflows.flags;

/** An SSM parameter in one region. */
public record FlagRequest(String region, String name) {}
