package dev.regionfailover.devstack.temporal;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.MissingTool;
import dev.regionfailover.devstack.process.RequiredTools;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Temporal server for process-level tests. Without the Temporal CLI a test that needs it
 * fails where {@value RequiredTools#REQUIRED_VARIABLE} is set (in CI), and is skipped with the
 * install command elsewhere ({@link MissingTool}).
 */
public final class TemporalForTesting {

  private TemporalForTesting() {}

  /** The Temporal CLI, for a test that needs the real server. */
  public static Path cli() {
    Optional<Path> cli = TemporalCli.find();
    if (cli.isPresent()) {
      return cli.get();
    }
    String message =
        "no '"
            + TemporalCli.EXECUTABLE
            + "' CLI on PATH or in Go's bin directory; this test needs the real Temporal dev"
            + " server. Install it with: "
            + TemporalCli.INSTALL_COMMAND;
    return MissingTool.skipOrFail(message);
  }

  /** Starts a headless, in-memory dev server on a free port: what most process tests need. */
  public static TemporalDevServer devServer() {
    return TemporalDevServer.start(cli(), DevServerSettings.headless(FreePorts.loopback()));
  }

  /**
   * A headless, in-memory Temporal server on a free port of 127.0.0.1: the real dev server where a
   * Temporal CLI is installed, else the Java test server. Where {@value
   * RequiredTools#REQUIRED_VARIABLE} is set (in CI) a missing CLI is a failure instead.
   */
  public static TemporalServer server() {
    return TemporalServers.start(DevServerSettings.headless(FreePorts.loopback()));
  }
}
