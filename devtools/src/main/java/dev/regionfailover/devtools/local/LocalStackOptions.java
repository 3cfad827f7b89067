package dev.regionfailover.devtools.local;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.starter.cli.CliFailure;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code dev} and {@code demo}, which run the same local stack. */
public final class LocalStackOptions {

  /** The repository the launcher runs from; it sets this property. */
  public static final String HOME_PROPERTY = "regionfailover.home";

  public static final String WORKER_CLASSPATH_PROPERTY = "regionfailover.worker.classpath";

  /** The dev server's history file, next to the worker's log under {@code target/dev}. */
  static final String HISTORY_FILE = "temporal.db";

  private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);

  @Option(
      names = "--temporal-port",
      paramLabel = "PORT",
      defaultValue = "" + LocalStackConfig.DEFAULT_TEMPORAL_PORT,
      description = "Port of the local Temporal frontend (default ${DEFAULT-VALUE}).")
  private int temporalPort;

  @Option(
      names = "--ui-port",
      paramLabel = "PORT",
      defaultValue = "" + LocalStackConfig.DEFAULT_UI_PORT,
      description =
          "Port of the Temporal Web UI, where the real Temporal dev server runs (default"
              + " ${DEFAULT-VALUE}).")
  private int uiPort;

  @Option(
      names = "--aws-port",
      paramLabel = "PORT",
      defaultValue = "" + LocalStackConfig.DEFAULT_AWS_PORT,
      description = "Port of the local AWS endpoint (default ${DEFAULT-VALUE}).")
  private int awsPort;

  @Option(
      names = "--estates",
      paramLabel = "DIR",
      description = "Estates to provision and run (default <repository>/deploy/estates).")
  private Path estates;

  /**
   * Starts the stack these options describe with Temporal's history in memory, as one-off runs such
   * as {@code demo} want; Ctrl-C or any other exit of the JVM stops it, also while it is still
   * starting.
   */
  public LocalStack start(CommandSpec spec) {
    return start(spec, TemporalHistory.IN_MEMORY);
  }

  /**
   * Starts the stack these options describe; Ctrl-C or any other exit of the JVM stops it, also
   * while it is still starting.
   */
  public LocalStack start(CommandSpec spec, TemporalHistory history) {
    return start(config(spec, history));
  }

  /**
   * Starts the stack {@code config} describes; Ctrl-C or any other exit of the JVM stops it, also
   * while it is still starting.
   */
  public static LocalStack start(LocalStackConfig config) {
    LocalStack stack = new LocalStack(config);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
    try {
      return stack.start();
    } catch (RuntimeException e) {
      throw new CliFailure("the local stack did not start: " + e.getMessage(), e);
    }
  }

  /** The stack these options describe, with Temporal's history in memory. */
  public LocalStackConfig config(CommandSpec spec) {
    return config(spec, TemporalHistory.IN_MEMORY);
  }

  /** The stack these options describe, with the environment's AWS endpoint if one is set. */
  public LocalStackConfig config(CommandSpec spec, TemporalHistory history) {
    port(spec, "--temporal-port", temporalPort);
    port(spec, "--ui-port", uiPort);
    port(spec, "--aws-port", awsPort);
    distinct(spec, "--temporal-port", temporalPort, "--aws-port", awsPort);
    distinct(spec, "--temporal-port", temporalPort, "--ui-port", uiPort);
    distinct(spec, "--ui-port", uiPort, "--aws-port", awsPort);
    Path home = home();
    Path logDirectory = home.resolve("target").resolve("dev");
    try {
      return new LocalStackConfig(
          temporalPort,
          uiPort,
          awsPort,
          history == TemporalHistory.IN_MEMORY ? null : logDirectory.resolve(HISTORY_FILE),
          history == TemporalHistory.FRESH,
          estates != null ? estates : home.resolve("deploy").resolve("estates"),
          logDirectory,
          System.getProperty(WORKER_CLASSPATH_PROPERTY),
          System.getenv("AWS_ENDPOINT_URL"),
          WORKER_START_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }

  /**
   * A stack of the repository's estates on free ports of 127.0.0.1, with its own moto and stand-in
   * and Temporal's history in memory, for a benchmark that must not meet a dev session's stack.
   *
   * @param logDirectory the directory under {@code <repository>/target} for the worker's logs
   */
  public static LocalStackConfig onFreePorts(String logDirectory) {
    return onFreePorts(logDirectory, home().resolve("deploy").resolve("estates"));
  }

  /**
   * As {@link #onFreePorts(String)}, with the estates of {@code estates} instead of the
   * repository's.
   */
  public static LocalStackConfig onFreePorts(String logDirectory, Path estates) {
    try {
      return new LocalStackConfig(
          FreePorts.loopback(),
          FreePorts.loopback(),
          FreePorts.loopback(),
          null,
          false,
          estates,
          home().resolve("target").resolve(logDirectory),
          System.getProperty(WORKER_CLASSPATH_PROPERTY),
          null,
          WORKER_START_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }

  private static void port(CommandSpec spec, String option, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), option + ": " + port + " is not a TCP port (1 to 65535)");
    }
  }

  private static void distinct(
      CommandSpec spec, String option, int port, String otherOption, int otherPort) {
    if (port == otherPort) {
      throw new ParameterException(
          spec.commandLine(),
          option + " and " + otherOption + " are both " + port + "; they need different ports");
    }
  }

  /** The repository the launcher runs from, where {@code deploy/} and {@code target/} are. */
  public static Path home() {
    return Path.of(System.getProperty(HOME_PROPERTY, "")).toAbsolutePath().normalize();
  }
}
