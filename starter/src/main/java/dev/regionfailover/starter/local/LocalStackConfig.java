package dev.regionfailover.starter.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the local stack runs and where.
 *
 * @param temporalPort the Temporal frontend's port on 127.0.0.1
 * @param awsPort the port of the AWS stand-in that fronts moto
 * @param estatesDirectory the estates to provision and to give the worker
 * @param logDirectory where the worker's log goes
 * @param workerClasspath the classpath of the worker JVM
 * @param externalAwsEndpoint an emulator that is already running (the caller's {@code
 *     AWS_ENDPOINT_URL}), or null to start moto and the stand-in
 * @param workerStartTimeout how long the worker may take to report that it started
 */
public record LocalStackConfig(
    int temporalPort,
    int awsPort,
    Path estatesDirectory,
    Path logDirectory,
    String workerClasspath,
    String externalAwsEndpoint,
    Duration workerStartTimeout) {

  public static final int DEFAULT_TEMPORAL_PORT = 7233;
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

  /** The worker's log file. */
  public Path workerLog() {
    return logDirectory.resolve("worker.log");
  }
}
