package dev.regionfailover.starter;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.DevServerSettings;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.EstateValidationException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the operator's commands meet in production, on this machine: the real Temporal dev server,
 * moto behind the AWS stand-in with the example estate {@code orders} provisioned, and the real
 * worker in its own JVM. Tests run the CLI against it and read the emulator back.
 */
public final class EndToEndStack implements AutoCloseable {

  /** The project's example estates, which the worker serves. */
  public static final Path ESTATES =
      Path.of("..", "deploy", "estates").toAbsolutePath().normalize();

  public static final String APP = "orders";
  public static final String SOURCE = "us-east-1";
  public static final String TARGET = "us-west-2";

  private static final Pattern WORKER_STARTED = Pattern.compile("Worker started");
  private static final int ENTITIES = 40;

  private final TemporalDevServer temporal;
  private final WorkflowServiceStubs service;
  private final JavaProcess worker;
  private final Estate estate;

  private EndToEndStack(
      TemporalDevServer temporal, WorkflowServiceStubs service, JavaProcess worker, Estate estate) {
    this.temporal = temporal;
    this.service = service;
    this.worker = worker;
    this.estate = estate;
  }

  /**
   * Provisions {@code orders} into the emulator (reset by {@code AwsStackExtension} before each
   * test), starts the dev server as {@code settings} say and a worker whose log goes to {@code
   * workerLog}. Aurora promotions take a second, so that failovers end quickly.
   */
  public static EndToEndStack start(
      AwsStack aws, EmulatorClients clients, DevServerSettings settings, Path workerLog) {
    Estate estate = load();
    new EstateProvisioner(clients).provision(estate, ENTITIES);
    aws.standIn().setPromotionDuration(Duration.ofSeconds(1));
    TemporalDevServer temporal = TemporalDevServer.start(TemporalForTesting.cli(), settings);
    WorkflowServiceStubs service = null;
    try {
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      JavaProcess worker =
          JavaProcess.builder("dev.regionfailover.worker.WorkerMain")
              .env("FAILOVER_HTTP_PORT", Integer.toString(FreePorts.loopback()))
              .env("TEMPORAL_ADDRESS", temporal.target())
              .env("TEMPORAL_STICKY_TIMEOUT", temporal.stickyScheduleToStartTimeout().toString())
              .env("FAILOVER_ESTATES_DIR", ESTATES.toString())
              .env("AWS_ENDPOINT_URL", aws.endpoint().toString())
              .env("AWS_ACCESS_KEY_ID", EmulatorClients.CREDENTIAL)
              .env("AWS_SECRET_ACCESS_KEY", EmulatorClients.CREDENTIAL)
              .env("AWS_REGION", SOURCE)
              .logFile(workerLog)
              .build();
      worker.start();
      try {
        worker.awaitLine(WORKER_STARTED, Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        worker.close();
        throw e;
      }
      return new EndToEndStack(temporal, service, worker, estate);
    } catch (RuntimeException e) {
      if (service != null) {
        service.shutdownNow();
      }
      temporal.close();
      throw e;
    }
  }

  private static Estate load() {
    Path file = ESTATES.resolve(APP + ".yaml");
    try {
      return EstateParser.parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (EstateValidationException e) {
      throw new IllegalStateException("the example estate " + file + " is invalid", e);
    }
  }

  public TemporalDevServer temporal() {
    return temporal;
  }

  /** A client of the dev server's default namespace. */
  public WorkflowClient client() {
    return WorkflowClient.newInstance(service);
  }

  /** Runs one {@code ./failover} command line against the dev server. */
  public Run cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--temporal-address";
    all[args.length + 1] = temporal.target();
    return Run.of(new GrpcTemporalConnector(), all);
  }

  public Estate estate() {
    return estate;
  }

  @Override
  public void close() {
    worker.close();
    service.shutdownNow();
    temporal.close();
  }
}
