package dev.regionfailover.devstack.temporal;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.ExternalProcess;
import dev.regionfailover.devstack.process.LogFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Temporal server in development mode ({@code temporal server start-dev}) from an
 * installed Temporal CLI: in-memory, headless, its frontend on 127.0.0.1. Unlike the Java test
 * server it serves Schedules and visibility queries.
 */
public final class TemporalDevServer implements TemporalServer {

  /** The name of the Temporal CLI executable. */
  public static final String EXECUTABLE = "temporal";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final ExternalProcess process;
  private final String target;

  private TemporalDevServer(ExternalProcess process, String target) {
    this.process = requireNonNull(process, "process is null");
    this.target = requireNonNull(target, "target is null");
  }

  /**
   * Starts {@code temporal server start-dev} with its frontend on {@code port} and its (disabled)
   * UI port on {@code uiPort}, and waits until it serves the default namespace.
   */
  public static TemporalDevServer start(Path temporalBinary, int port, int uiPort) {
    requireNonNull(temporalBinary, "temporalBinary is null");
    ExternalProcess process =
        ExternalProcess.builder("temporal-dev-server", command(temporalBinary, port, uiPort))
            .logFile(LogFiles.file("temporal-dev-server-" + port))
            .build();
    String target = "127.0.0.1:" + port;
    process.start();
    try {
      TemporalReadiness.await(target, process, STARTUP_TIMEOUT);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new TemporalDevServer(process, target);
  }

  static List<String> command(Path temporalBinary, int port, int uiPort) {
    return List.of(
        temporalBinary.toString(),
        "server",
        "start-dev",
        "--ip",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--ui-port",
        Integer.toString(uiPort),
        "--headless");
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public boolean supportsSchedules() {
    return true;
  }

  @Override
  public void close() {
    process.close();
  }
}
