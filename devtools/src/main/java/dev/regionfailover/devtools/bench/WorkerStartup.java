package dev.regionfailover.devtools.bench;

import java.time.Duration;

/**
 * How long a worker JVM took from its start to being useful.
 *
 * @param toStartedLine until its log said "Worker started"
 * @param toFirstPoll until the Temporal server listed it among the task queue's pollers
 */
record WorkerStartup(Duration toStartedLine, Duration toFirstPoll) {}
