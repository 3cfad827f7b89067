package dev.regionfailover.workflows.evacuation;

/** Which region is evacuated, so that each app's default target can be chosen. */
public record CandidatesRequest(String region) {}
