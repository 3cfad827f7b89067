package dev.regionfailover.devstack.process;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the dev stack's child processes write their output: the directory named by the system
 * property {@code devstack.logDir}, else {@code region-failover-devstack} under the temporary
 * directory. File names carry this JVM's pid and a counter so that parallel test JVMs and restarts
 * never overwrite each other's logs.
 */
public final class LogFiles {

  /** The system property that overrides the log directory. */
  public static final String DIRECTORY_PROPERTY = "devstack.logDir";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private LogFiles() {}

  public static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "region-failover-devstack");
  }

  /** A fresh log file for a process called {@code name}. */
  public static Path file(String name) {
    String safeName = name.replaceAll("[^A-Za-z0-9._-]+", "-");
    return directory()
        .resolve(
            safeName
                + "-"
                + ProcessHandle.current().pid()
                + "-"
                + COUNTER.incrementAndGet()
                + ".log");
  }
}
