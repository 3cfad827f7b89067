package dev.regionfailover.workflows.failover;

/** What the workflow is waiting for, since when, until when, and how to end the wait. */
public record WaitingFor(String what, String since, String deadline, String how) {}
