package dev.regionfailover.workflows.identity;

/** Whose credentials signed a request, as STS answers {@code GetCallerIdentity}. */
public record CallerIdentity(String arn, String account, String userId) {}
