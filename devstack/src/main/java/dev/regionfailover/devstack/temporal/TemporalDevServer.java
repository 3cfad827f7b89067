package dev.regionfailover.devstack.temporal;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.ExternalProcess;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.LogFiles;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal server in development mode ({@code temporal server start-dev}) from an
 * installed Temporal CLI, on 127.0.0.1, with the project's search attributes registered. Unlike the
 * Java test server it serves Schedules, visibility queries and, unless headless, the Web UI. With a
 * database file its history survives a restart of the server.
 */
public final class TemporalDevServer implements TemporalServer {

  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How often a start is tried, and the failure that makes it try again. Besides the ports it is
   * given, the server binds ports of its own choosing (its HTTP API, metrics and internal services)
   * from the same ephemeral range that {@link FreePorts} draws from, so now and then it picks the
   * very port chosen for its frontend and exits; the next start picks other ports.
   */
  private static final int PORT_ATTEMPTS = 3;

  private static final String PORT_IN_USE = "address already in use";

  /** The SDK's default: a real server moves a dead worker's sticky tasks on after it. */
  private static final Duration STICKY_TIMEOUT = Duration.ofSeconds(5);

  /** The database file itself, and the rollback journal and write-ahead log SQLite may add. */
  private static final List<String> DATABASE_SUFFIXES = List.of("", "-journal", "-wal", "-shm");

  private final Path binary;
  private final DevServerSettings settings;
  private final String target;
  private ExternalProcess process;

  private TemporalDevServer(Path binary, DevServerSettings settings) {
    this.binary = requireNonNull(binary, "binary is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.target = "127.0.0.1:" + settings.port();
  }

  /**
   * Starts {@code temporal server start-dev} as {@code settings} describe and waits until it serves
   * the default namespace.
   */
  public static TemporalDevServer start(Path temporalBinary, DevServerSettings settings) {
    TemporalDevServer server = new TemporalDevServer(temporalBinary, settings);
    server.startProcess();
    return server;
  }

  private void startProcess() {
    if (settings.database() != null) {
      try {
        Files.createDirectories(settings.database().toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the directory of " + settings.database(), e);
      }
    }
    for (int attempt = 1; ; attempt++) {
      ExternalProcess started =
          ExternalProcess.builder("temporal-dev-server", command(binary, settings))
              .logFile(LogFiles.file("temporal-dev-server-" + settings.port()))
              .build();
      started.start();
      try {
        TemporalReadiness.await(target, started, STARTUP_TIMEOUT);
        process = started;
        return;
      } catch (RuntimeException e) {
        started.close();
        if (attempt == PORT_ATTEMPTS || !String.valueOf(e.getMessage()).contains(PORT_IN_USE)) {
          throw e;
        }
        log.warn(
            "The Temporal dev server on port {} found a port in use (attempt {} of {}); starting"
                + " it again",
            settings.port(),
            attempt,
            PORT_ATTEMPTS);
      }
    }
  }

  static List<String> command(Path temporalBinary, DevServerSettings settings) {
    List<String> command =
        new ArrayList<>(
            List.of(
                temporalBinary.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(settings.port())));
    if (settings.uiPort().isPresent()) {
      command.addAll(List.of("--ui-port", Integer.toString(settings.uiPort().getAsInt())));
    } else {
      // Headless still binds a UI port unless told otherwise: a free one keeps two servers apart.
      command.addAll(List.of("--ui-port", Integer.toString(FreePorts.loopback()), "--headless"));
    }
    if (settings.database() != null) {
      command.addAll(List.of("--db-filename", settings.database().toString()));
    }
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      command.addAll(List.of("--search-attribute", key.getName() + "=" + typeName(key)));
    }
    // One partition per task queue, as docs/quotas.md asks of every server for the quota queues:
    // the server divides a queue's rate among its partitions and lets each burst at least one
    // task, so four partitions at five per second would let eight changes through at once.
    for (String partitions :
        List.of("matching.numTaskqueueReadPartitions", "matching.numTaskqueueWritePartitions")) {
      command.addAll(List.of("--dynamic-config-value", partitions + "=1"));
    }
    return command;
  }

  /** The type name {@code start-dev --search-attribute} takes, such as {@code Keyword}. */
  public static String typeName(SearchAttributeKey<?> key) {
    String name = key.getValueType().name().substring("INDEXED_VALUE_TYPE_".length());
    StringBuilder type = new StringBuilder();
    for (String word : name.split("_")) {
      type.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return type.toString();
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public Optional<String> uiAddress() {
    return settings.uiPort().isPresent()
        ? Optional.of("http://127.0.0.1:" + settings.uiPort().getAsInt())
        : Optional.empty();
  }

  /**
   * Deletes a database file and the journal files SQLite keeps next to it, so that the next server
   * on it starts with no history; a file that does not exist is no error.
   */
  public static void deleteDatabase(Path database) {
    for (String suffix : DATABASE_SUFFIXES) {
      Path file = database.resolveSibling(database.getFileName() + suffix);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }
  }

  /** The database file that keeps history across restarts, if any. */
  public Optional<Path> database() {
    return Optional.ofNullable(settings.database());
  }

  @Override
  public boolean supportsSchedules() {
    return true;
  }

  @Override
  public Duration stickyScheduleToStartTimeout() {
    return STICKY_TIMEOUT;
  }

  /** Kills the server with SIGKILL, as a crash would; with a database file, history survives. */
  public synchronized void kill() {
    process.kill();
  }

  /** Starts the server again with the same settings, after {@link #kill()} or a crash. */
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("the Temporal dev server at " + target + " still runs");
    }
    startProcess();
  }

  /** The server's process, for its pid, liveness and log. */
  public ExternalProcess process() {
    return process;
  }

  @Override
  public synchronized void close() {
    process.close();
  }
}
