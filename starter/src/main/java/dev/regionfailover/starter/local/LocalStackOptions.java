package dev.regionfailover.starter.local;

import dev.regionfailover.starter.CliFailure;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code dev} and {@code demo}, which run the same local stack. */
public final class LocalStackOptions {

  /** The repository the launcher runs from; it sets this property. */
  static final String HOME_PROPERTY = "regionfailover.home";

  static final String WORKER_CLASSPATH_PROPERTY = "regionfailover.worker.classpath";

  private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);

  @Option(
      names = "--temporal-port",
      paramLabel = "PORT",
      defaultValue = "" + LocalStackConfig.DEFAULT_TEMPORAL_PORT,
      description = "Port of the local Temporal frontend (default ${DEFAULT-VALUE}).")
  private int temporalPort;

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
   * Starts the stack these options describe; Ctrl-C or any other exit of the JVM stops it, also
   * while it is still starting.
   */
  public LocalStack start(CommandSpec spec) {
    LocalStack stack = new LocalStack(config(spec));
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
    try {
      return stack.start();
    } catch (RuntimeException e) {
      throw new CliFailure("the local stack did not start: " + e.getMessage(), e);
    }
  }

  /** The stack these options describe, with the environment's AWS endpoint if one is set. */
  public LocalStackConfig config(CommandSpec spec) {
    port(spec, "--temporal-port", temporalPort);
    port(spec, "--aws-port", awsPort);
    if (temporalPort == awsPort) {
      throw new ParameterException(
          spec.commandLine(),
          "--temporal-port and --aws-port are both " + awsPort + "; they need different ports");
    }
    Path home = home();
    try {
      return new LocalStackConfig(
          temporalPort,
          awsPort,
          estates != null ? estates : home.resolve("deploy").resolve("estates"),
          home.resolve("target").resolve("dev"),
          System.getProperty(WORKER_CLASSPATH_PROPERTY),
          System.getenv("AWS_ENDPOINT_URL"),
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

  private static Path home() {
    return Path.of(System.getProperty(HOME_PROPERTY, "")).toAbsolutePath().normalize();
  }
}
