package dev.regionfailover.workflows.reconcile;

/**
 * One item written in both regions: its key, both versions rendered as text, and what differs.
 * Last-writer-wins kept one of them; the operator decides whether the other must be replayed.
 */
public record ItemConflict(
    String key, String oldRegionItem, String writerRegionItem, String differs) {}
