package dev.regionfailover.workflows.failover;

/** How to undo one forward step; safe to run twice or without the forward step having run. */
record Compensation(String name, Runnable action) {}
