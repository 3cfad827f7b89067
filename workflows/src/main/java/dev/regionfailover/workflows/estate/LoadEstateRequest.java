package dev.regionfailover.workflows.estate;

/** Which application's estate to load. */
public record LoadEstateRequest(String app) {}
