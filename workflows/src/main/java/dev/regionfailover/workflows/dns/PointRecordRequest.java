package dev.regionfailover.workflows.dns;

import dev.regionfailover.workflows.estate.HostedZone;

/** Points a CNAME record at {@code value}. */
public record PointRecordRequest(HostedZone zone, String name, String value, long ttl) {}
