package dev.regionfailover.worker;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker JVM for a process-level test: {@code WorkerMain} on the test's own classpath, pointed at
 * a Temporal server and the AWS stand-in, with the example estates and a health port of its own.
 * Tests that need more (a shutdown grace, a fixed health port) add it to the builder.
 */
final class WorkerProcesses {

  private static final String MAIN = "dev.regionfailover.worker.WorkerMain";

  private WorkerProcesses() {}

  /**
   * @param temporal the address the worker reaches Temporal at
   * @param stickyTimeout the sticky queue's schedule-to-start timeout that server needs
   * @param aws the stand-in's endpoint
   * @param accessKey the access key the worker signs its AWS calls with, also its secret
   */
  static JavaProcess.Builder builder(
      String temporal, Duration stickyTimeout, URI aws, String accessKey, Path logFile) {
    return JavaProcess.builder(MAIN)
        .classpath(JavaProcess.currentClasspath())
        .env("FAILOVER_HTTP_PORT", Integer.toString(FreePorts.loopback()))
        .env("TEMPORAL_ADDRESS", temporal)
        .env("TEMPORAL_STICKY_TIMEOUT", stickyTimeout.toString())
        .env("FAILOVER_ESTATES_DIR", FailoverEndToEndTest.ESTATES.toString())
        .env("AWS_ENDPOINT_URL", aws.toString())
        .env("AWS_ACCESS_KEY_ID", accessKey)
        .env("AWS_SECRET_ACCESS_KEY", accessKey)
        .env("AWS_REGION", FailoverEndToEndTest.SOURCE)
        .logFile(logFile);
  }
}
