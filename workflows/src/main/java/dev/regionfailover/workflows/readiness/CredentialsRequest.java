package dev.regionfailover.workflows.readiness;

/** Checks that the worker's credentials are accepted in {@code region}. */
public record CredentialsRequest(String region) {}
