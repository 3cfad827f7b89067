package dev.regionfailover.devstack.temporal;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How to run {@code temporal server start-dev}.
 *
 * @param port the gRPC frontend's port on 127.0.0.1
 * @param uiPort the Web UI's port on 127.0.0.1, or empty to run headless
 * @param database the SQLite file that keeps the server's state across restarts, or null to keep it
 *     in memory only
 */
public record DevServerSettings(int port, OptionalInt uiPort, Path database) {

  public DevServerSettings {
    if (uiPort == null) {
      uiPort = OptionalInt.empty();
    }
  }

  /** A headless, in-memory server on {@code port}: what tests that need no UI use. */
  public static DevServerSettings headless(int port) {
    return new DevServerSettings(port, OptionalInt.empty(), null);
  }
}
