package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the local stack runs and where.
 *
 * @param temporalPort the Temporal frontend's port on 127.0.0.1
 * @param uiPort the Temporal Web UI's port on 127.0.0.1, where the real dev server runs
 * @param awsPort the port of the AWS stand-in that fronts moto
 * @param temporalHistory the file in which the dev server keeps its history across restarts, or
 *     null to keep it in memory only
 * @param freshHistory whether to delete {@code temporalHistory} before the server starts
 * @param estatesDirectory the estates to provision and to give the worker
 * @param logDirectory where the worker's log goes
 * @param workerClasspath the classpath of the worker JVM
 * @param externalAwsEndpoint an emulator that is already running (the caller's {@code
 *     AWS_ENDPOINT_URL}), or null to start moto and the stand-in
 * @param workerStartTimeout how long the worker may take to report that it started
 */
public record LocalStackConfig(
    int temporalPort,
    int uiPort,
    int awsPort,
    Path temporalHistory,
    boolean freshHistory,
    Path estatesDirectory,
    Path logDirectory,
    String workerClasspath,
    String externalAwsEndpoint,
    Duration workerStartTimeout) {

  public static final int DEFAULT_TEMPORAL_PORT = 7233;
  public static final int DEFAULT_UI_PORT = 8233;
  public static final int DEFAULT_AWS_PORT = 4566;

  /** How long replication lag readings stay fresh in the emulator's CloudWatch. */
  public static final Duration LAG_PERIOD = Duration.ofSeconds(30);

  /** The replication lag the dev stack reports, well under any sane {@code maxLagSeconds}. */
  public static final Duration REPORTED_LAG = Duration.ofMillis(800);

  /** How many tenants each estate's pins table gets. */
  public static final int TENANTS = 200;

  public LocalStackConfig {
    requireNonNull(estatesDirectory, "estatesDirectory is null");
    requireNonNull(logDirectory, "logDirectory is null");
    requireNonNull(workerStartTimeout, "workerStartTimeout is null");
    if (workerClasspath == null || workerClasspath.isBlank()) {
      throw new IllegalArgumentException(
          "the worker's classpath is not set (system property regionfailover.worker.classpath);"
              + " run this through the ./failover launcher, which builds the worker and sets it");
    }
    if (externalAwsEndpoint != null && externalAwsEndpoint.isBlank()) {
      externalAwsEndpoint = null;
    }
  }

  /** The first worker's log file. */
  public Path workerLog() {
    return workerLog(1);
  }

  /**
   * The log file of the {@code number}th worker the stack started: {@code worker.log}, then {@code
   * worker-2.log} and so on, so that a restarted worker does not overwrite why the last one died.
   */
  public Path workerLog(int number) {
    return logDirectory.resolve(number == 1 ? "worker.log" : "worker-" + number + ".log");
  }
}
