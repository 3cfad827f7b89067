package dev.regionfailover.workflows.dns;

import dev.regionfailover.workflows.estate.HostedZone;

/** A CNAME record to read. */
public record RecordRequest(HostedZone zone, String name) {}
