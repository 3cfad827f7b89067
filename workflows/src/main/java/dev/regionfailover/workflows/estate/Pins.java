package dev.regionfailover.workflows.estate;

/**
 * The table of entities pinned to a home region. {@code versionAttribute} may be null, in which
 * case an update is conditioned on the home region alone.
 */
public record Pins(
    String table, String homeRegionAttribute, String index, String versionAttribute) {}
