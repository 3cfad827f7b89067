package dev.regionfailover.workflows.estate;

/** The stable DNS name applications use for relational writes, repointed at the new writer. */
public record WriterRecord(HostedZone zone, String name, long ttl) {}
