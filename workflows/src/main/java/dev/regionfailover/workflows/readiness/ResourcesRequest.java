package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.estate.Estate;

/** Checks that every regional resource {@code estate} names exists in {@code region}. */
public record ResourcesRequest(Estate estate, String region) {}
