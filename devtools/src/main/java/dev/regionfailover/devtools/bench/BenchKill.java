package dev.regionfailover.devtools.bench;

import java.time.Instant;

/**
 * One SIGKILL of the worker during a benchmark failover.
 *
 * @param phase the phase the failover was in
 * @param inFlight what was running then: an activity type, or a child workflow's id
 * @param at when the signal was sent
 * @param startup how the fresh worker that replaced the killed one started
 */
record BenchKill(String phase, String inFlight, Instant at, WorkerStartup startup) {}
