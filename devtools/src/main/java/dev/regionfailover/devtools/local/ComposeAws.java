package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.starter.estate.EstateFiles;
import dev.regionfailover.workflows.estate.Estate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS side of {@code deploy/compose.yaml}: what {@code ./failover dev} runs in-process around
 * moto, for a moto that runs in its own container. It starts the AWS stand-in on every interface in
 * front of that moto, clears both, provisions every estate of the directory, writes a ready file
 * for the container's health check, and keeps the replication lag fresh until it is stopped.
 *
 * <p>Its container runs {@link #main} with these environment variables: {@value #MOTO_VARIABLE}
 * (required, such as {@code http://moto:5000}), {@value #ESTATES_VARIABLE} (default {@code
 * deploy/estates}), {@value #PORT_VARIABLE} (default {@value LocalStackConfig#DEFAULT_AWS_PORT})
 * and {@value #READY_VARIABLE} (default {@value #DEFAULT_READY_FILE}).
 */
public final class ComposeAws implements AutoCloseable {

  static final String MOTO_VARIABLE = "MOTO_ENDPOINT";
  static final String ESTATES_VARIABLE = "FAILOVER_ESTATES_DIR";
  static final String PORT_VARIABLE = "STAND_IN_PORT";
  static final String READY_VARIABLE = "READY_FILE";
  static final String DEFAULT_READY_FILE = "/tmp/region-failover-aws-ready";

  private static final Logger log = LoggerFactory.getLogger(ComposeAws.class);

  private final AwsStandIn standIn;
  private final EmulatorClients clients;
  private final LagPublisher lag;
  private final Path readyFile;

  private ComposeAws(
      AwsStandIn standIn, EmulatorClients clients, LagPublisher lag, Path readyFile) {
    this.standIn = standIn;
    this.clients = clients;
    this.lag = lag;
    this.readyFile = readyFile;
  }

  /**
   * What the container is told, read and checked before anything starts.
   *
   * @param moto moto's endpoint, as the stand-in reaches it
   * @param estatesDirectory the estates to provision
   * @param port the stand-in's port on every interface (0: any free port, for tests)
   * @param readyFile the file written once every estate is provisioned
   */
  public record Settings(URI moto, Path estatesDirectory, int port, Path readyFile) {

    public Settings {
      requireNonNull(moto, "moto is null");
      requireNonNull(estatesDirectory, "estatesDirectory is null");
      requireNonNull(readyFile, "readyFile is null");
    }

    /**
     * Reads the settings from {@code environment}.
     *
     * @throws IllegalArgumentException listing every variable that is missing or invalid
     */
    public static Settings from(Map<String, String> environment) {
      List<String> problems = new ArrayList<>();
      URI moto = null;
      String motoValue = environment.getOrDefault(MOTO_VARIABLE, "");
      if (motoValue.isBlank()) {
        problems.add(MOTO_VARIABLE + " is not set; set it to moto's URL, such as http://moto:5000");
      } else {
        try {
          moto = new URI(motoValue);
          if (!"http".equals(moto.getScheme()) || moto.getHost() == null) {
            problems.add(
                MOTO_VARIABLE + " " + motoValue + " is not an http URL such as http://moto:5000");
          }
        } catch (URISyntaxException e) {
          problems.add(MOTO_VARIABLE + " " + motoValue + " is not a URL: " + e.getMessage());
        }
      }
      int port = LocalStackConfig.DEFAULT_AWS_PORT;
      String portValue = environment.getOrDefault(PORT_VARIABLE, "");
      if (!portValue.isBlank()) {
        try {
          port = Integer.parseInt(portValue.strip());
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          problems.add(PORT_VARIABLE + " " + portValue + " is not a port number from 1 to 65535");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", problems));
      }
      return new Settings(
          moto,
          Path.of(valueOr(environment, ESTATES_VARIABLE, "deploy/estates")),
          port,
          Path.of(valueOr(environment, READY_VARIABLE, DEFAULT_READY_FILE)));
    }

    private static String valueOr(Map<String, String> environment, String name, String fallback) {
      String value = environment.get(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }

  /**
   * Starts the stand-in, provisions the estates into a cleared moto and writes the ready file.
   *
   * @throws IllegalArgumentException when an estate is invalid
   * @throws IllegalStateException when moto does not answer
   */
  public static ComposeAws start(Settings settings) {
    List<Estate> estates = EstateFiles.loadDirectory(settings.estatesDirectory());
    AwsStandIn standIn = AwsStandIn.startOnAllInterfaces(settings.moto(), settings.port());
    EmulatorClients clients = null;
    try {
      // A restarted container must not provision on top of what it created before.
      standIn.reset();
      clients = new EmulatorClients(standIn.endpoint());
      EstateProvisioner provisioner = new EstateProvisioner(clients);
      for (Estate estate : estates) {
        provisioner.provision(estate, LocalStackConfig.TENANTS);
      }
      LagPublisher lag = LagPublisher.start(provisioner, estates);
      ComposeAws aws = new ComposeAws(standIn, clients, lag, settings.readyFile());
      Files.writeString(
          settings.readyFile(), estates.stream().map(Estate::app).toList().toString() + "\n");
      log.info(
          "Estates {} provisioned; the AWS stand-in answers on port {} in front of moto at {}",
          estates.stream().map(Estate::app).toList(),
          standIn.endpoint().getPort(),
          settings.moto());
      return aws;
    } catch (IOException e) {
      close(standIn, clients);
      throw new UncheckedIOException("cannot write " + settings.readyFile(), e);
    } catch (RuntimeException e) {
      close(standIn, clients);
      throw e;
    }
  }

  /** Where clients in this process reach the stand-in. */
  public URI endpoint() {
    return standIn.endpoint();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(readyFile);
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", readyFile, e.toString());
    }
    lag.close();
    close(standIn, clients);
  }

  private static void close(AwsStandIn standIn, EmulatorClients clients) {
    if (clients != null) {
      clients.close();
    }
    standIn.close();
  }

  /** Runs until the container is stopped; exits 2 on a configuration error, 1 on a failure. */
  public static void main(String[] args) throws InterruptedException {
    Settings settings;
    try {
      settings = Settings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    ComposeAws aws;
    try {
      aws = start(settings);
    } catch (RuntimeException e) {
      log.error("The emulated AWS did not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  aws.close();
                  stopped.countDown();
                },
                "compose-aws-shutdown"));
    stopped.await();
  }
}
