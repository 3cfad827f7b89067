package dev.regionfailover.devstack.temporal;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.FreePorts;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the best local Temporal server this machine has. */
public final class TemporalServers {

  private static final Logger log = LoggerFactory.getLogger(TemporalServers.class);

  private TemporalServers() {}

  /**
   * The Temporal dev server when a {@code temporal} CLI is on PATH (it has Schedules and
   * visibility), else the Java test server in its own JVM; either on {@code port} of 127.0.0.1.
   */
  public static TemporalServer startLocal(int port) {
    return startLocal(port, System.getenv("PATH"));
  }

  static TemporalServer startLocal(int port, String searchPath) {
    Optional<Path> temporal = Executables.onPath(TemporalDevServer.EXECUTABLE, searchPath);
    if (temporal.isPresent()) {
      log.info(
          "Starting the Temporal dev server ({} server start-dev) on 127.0.0.1:{}",
          temporal.get(),
          port);
      return TemporalDevServer.start(temporal.get(), port, FreePorts.loopback());
    }
    log.info(
        "No '{}' CLI on PATH; starting the Temporal Java test server on 127.0.0.1:{} (no"
            + " Schedules, no visibility queries)",
        TemporalDevServer.EXECUTABLE,
        port);
    return TemporalTestServerProcess.start(port);
  }
}
