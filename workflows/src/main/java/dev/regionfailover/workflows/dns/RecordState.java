package dev.regionfailover.workflows.dns;

/**
 * A record as read back from Route 53 after a change. {@code changed} is false when it already
 * pointed where asked.
 */
public record RecordState(String zoneId, String name, String value, long ttl, boolean changed) {}
