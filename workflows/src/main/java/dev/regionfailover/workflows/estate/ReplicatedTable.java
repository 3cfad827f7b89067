package dev.regionfailover.workflows.estate;

/**
 * A DynamoDB global table whose regional replicas reconciliation compares: an item whose replicas
 * disagree on {@code versionAttribute} or {@code lastWriterRegionAttribute} was written in both
 * regions, and last-writer-wins kept only one of the writes.
 */
public record ReplicatedTable(
    String table, String versionAttribute, String lastWriterRegionAttribute) {}
