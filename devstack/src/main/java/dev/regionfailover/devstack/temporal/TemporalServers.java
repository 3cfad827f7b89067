package dev.regionfailover.devstack.temporal;

import dev.regionfailover.devstack.process.RequiredTools;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the best local Temporal server this machine has. */
public final class TemporalServers {

  private static final Logger log = LoggerFactory.getLogger(TemporalServers.class);

  private TemporalServers() {}

  /**
   * The Temporal dev server as {@code settings} describe when a Temporal CLI is installed (it has
   * Schedules, visibility and the UI), else the Java test server in its own JVM on the same port.
   * Where {@value RequiredTools#REQUIRED_VARIABLE} is set (in CI) a missing CLI is a failure
   * instead.
   */
  public static TemporalServer start(DevServerSettings settings) {
    return start(settings, TemporalCli.find(), RequiredTools.required());
  }

  static TemporalServer start(
      DevServerSettings settings, Optional<Path> temporal, boolean required) {
    if (temporal.isPresent()) {
      log.info(
          "Starting the Temporal dev server ({} server start-dev) on 127.0.0.1:{}",
          temporal.get(),
          settings.port());
      return TemporalDevServer.start(temporal.get(), settings);
    }
    if (required) {
      throw new IllegalStateException(
          "no '"
              + TemporalCli.EXECUTABLE
              + "' CLI on PATH or in Go's bin directory, and "
              + RequiredTools.REQUIRED_VARIABLE
              + " is set; install it with: "
              + TemporalCli.INSTALL_COMMAND);
    }
    log.info(
        "No '{}' CLI on PATH; starting the Temporal Java test server on 127.0.0.1:{} (no UI, no"
            + " Schedules, no visibility queries). Install the real one with: {}",
        TemporalCli.EXECUTABLE,
        settings.port(),
        TemporalCli.INSTALL_COMMAND);
    return TemporalTestServerProcess.start(settings.port());
  }
}
