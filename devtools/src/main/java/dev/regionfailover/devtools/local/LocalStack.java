package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.DevServerSettings;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalServer;
import dev.regionfailover.devstack.temporal.TemporalServers;
import dev.regionfailover.starter.estate.EstateFiles;
import dev.regionfailover.workflows.estate.Estate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code ./failover dev} runs, started in dependency order and stopped in reverse: a
 * Temporal server, moto with the AWS stand-in (unless an emulator is already configured), the
 * estates provisioned into the emulator with replication lag kept fresh, and a worker in its own
 * JVM. Tests run {@code try (LocalStack stack = new LocalStack(config).start()) {...}}.
 */
public final class LocalStack implements AutoCloseable {

  /** How long a local worker drains on SIGTERM, well inside the stack's own stop timeout. */
  private static final Duration LOCAL_SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The worker's log line once it polls its task queue. */
  static final Pattern WORKER_STARTED = Pattern.compile("Worker started");

  private static final String WORKER_MAIN = "dev.regionfailover.worker.WorkerMain";

  /**
   * The worker's JVM sized as it runs when deployed: the image's {@code -XX:MaxRAMPercentage=75}
   * under the Helm chart's 1 GiB memory limit. Without a container limit the JVM would size its
   * heap and the collector's own structures from the whole machine's memory, and the footprint that
   * the benchmark and {@code ./failover dev} show would be a machine's, not the worker's.
   */
  private static final String[] WORKER_JVM_ARGS = {"-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=75"};

  private final LocalStackConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final AtomicInteger workersStarted = new AtomicInteger();

  /**
   * The port of the worker's /healthz, /readyz and /metrics: free when the stack starts, and kept
   * for the workers that replace a dead one, so that the address printed once stays right.
   */
  private final int workerHttpPort = FreePorts.loopback();

  private TemporalServer temporal;
  private String temporalAddress;
  private URI awsEndpoint;
  private AwsStack aws;
  private List<Estate> estates;
  private volatile JavaProcess worker;

  /**
   * A stack that is not started yet, so that a shutdown hook can hold it before {@link #start()}
   * and stop whatever part is already running when Ctrl-C comes during a slow start.
   */
  public LocalStack(LocalStackConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /**
   * Starts the whole stack; if any part fails, what already started is stopped again.
   *
   * @return this stack
   * @throws IllegalArgumentException when an estate is invalid
   * @throws IllegalStateException when a server or the worker does not come up
   */
  public LocalStack start() {
    try {
      startAll();
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startAll() {
    estates = EstateFiles.loadDirectory(config.estatesDirectory());
    log.info(
        "Estates {} from {}",
        estates.stream().map(Estate::app).toList(),
        config.estatesDirectory());

    if (config.temporalHistory() != null && config.freshHistory()) {
      TemporalDevServer.deleteDatabase(config.temporalHistory());
      log.info("Deleted the Temporal history in {} (--fresh)", config.temporalHistory());
    }
    temporal =
        track(
            TemporalServers.start(
                new DevServerSettings(
                    config.temporalPort(),
                    OptionalInt.of(config.uiPort()),
                    config.temporalHistory())));
    temporalAddress = temporal.target();

    if (config.externalAwsEndpoint() == null) {
      aws = track(AwsStack.start(config.awsPort()));
      awsEndpoint = aws.endpoint();
      EmulatorClients clients = track(new EmulatorClients(awsEndpoint));
      EstateProvisioner provisioner = new EstateProvisioner(clients);
      for (Estate estate : estates) {
        provisioner.provision(estate, LocalStackConfig.TENANTS);
      }
      track(LagPublisher.start(provisioner, estates));
    } else {
      // Provisioning assumes a fresh emulator; one the operator runs is theirs to set up.
      awsEndpoint = URI.create(config.externalAwsEndpoint());
      log.info(
          "Using the AWS emulator at {} (AWS_ENDPOINT_URL) as it is: no resources are created in it",
          awsEndpoint);
    }

    startWorker();
  }

  /**
   * Starts a worker in place of one that died or was killed, against the same Temporal server and
   * AWS endpoint, with a log file of its own; returns once it polls its task queue.
   *
   * @throws IllegalStateException when the worker does not come up, or the stack was stopped
   */
  public JavaProcess restartWorker() {
    if (worker != null && worker.isAlive()) {
      throw new IllegalStateException("the worker (pid " + worker.pid() + ") still runs");
    }
    return startWorker();
  }

  private JavaProcess startWorker() {
    int number = workersStarted.incrementAndGet();
    JavaProcess next =
        JavaProcess.builder(WORKER_MAIN)
            .classpath(config.workerClasspath())
            .jvmArgs(WORKER_JVM_ARGS)
            .env("TEMPORAL_ADDRESS", temporalAddress)
            .env("TEMPORAL_NAMESPACE", "default")
            // The local server is plaintext and open: no profile, TLS setting or API key of the
            // user's own (for Temporal Cloud, say) may reach this worker. Empty means unset.
            .env("TEMPORAL_TLS", "false")
            .env("TEMPORAL_API_KEY", "")
            .env("TEMPORAL_PROFILE", "")
            .env("TEMPORAL_CONFIG_FILE", "")
            .env("TEMPORAL_STICKY_TIMEOUT", temporal.stickyScheduleToStartTimeout().toString())
            .env("FAILOVER_ESTATES_DIR", config.estatesDirectory().toAbsolutePath().toString())
            .env("FAILOVER_HTTP_PORT", Integer.toString(workerHttpPort))
            // The local stack stops its processes within a few seconds; a worker that drained for
            // the production grace would be killed first. An activity it abandons is retried.
            .env("FAILOVER_SHUTDOWN_GRACE", LOCAL_SHUTDOWN_GRACE.toString())
            .env("AWS_ENDPOINT_URL", awsEndpoint.toString())
            .env("AWS_ACCESS_KEY_ID", EmulatorClients.CREDENTIAL)
            .env("AWS_SECRET_ACCESS_KEY", EmulatorClients.CREDENTIAL)
            .env("AWS_REGION", "us-east-1")
            .logFile(config.workerLog(number))
            .build();
    track(next);
    worker = next;
    next.start();
    String line = next.awaitLine(WORKER_STARTED, config.workerStartTimeout());
    log.info("{}", line.substring(line.indexOf("Worker started")));
    return next;
  }

  /**
   * Remembers a started part so that {@link #close()} stops it. A part that comes up after a
   * shutdown hook closed the stack is stopped at once, and starting ends there.
   */
  private synchronized <T extends AutoCloseable> T track(T resource) {
    if (closed.get()) {
      closeQuietly(resource);
      throw new IllegalStateException("the local stack was stopped while it was starting");
    }
    started.push(resource);
    return resource;
  }

  /** The Temporal frontend, as {@code host:port}. */
  public String temporalAddress() {
    return temporalAddress;
  }

  /**
   * The Temporal Web UI's address; empty when the Java test server runs because no Temporal CLI is
   * installed.
   */
  public Optional<String> uiAddress() {
    return temporal.uiAddress();
  }

  /** The file that keeps Temporal's history across restarts of the stack, if there is one. */
  public Optional<Path> temporalHistory() {
    return uiAddress().isPresent()
        ? Optional.ofNullable(config.temporalHistory())
        : Optional.empty();
  }

  /** Where AWS requests go: the stand-in, or the emulator named by AWS_ENDPOINT_URL. */
  public URI awsEndpoint() {
    return awsEndpoint;
  }

  /**
   * The AWS stand-in the stack started, for those that inject latency or count calls; empty when
   * the stack uses an emulator named by AWS_ENDPOINT_URL.
   */
  public Optional<AwsStandIn> standIn() {
    return Optional.ofNullable(aws).map(AwsStack::standIn);
  }

  public List<Estate> estates() {
    return estates;
  }

  /** The log of the worker that runs now (or ran last). */
  /** Where the worker serves its Prometheus metrics; /healthz and /readyz are beside it. */
  public URI workerMetrics() {
    return URI.create("http://127.0.0.1:" + workerHttpPort + "/metrics");
  }

  public Path workerLog() {
    return config.workerLog(Math.max(1, workersStarted.get()));
  }

  /** The worker JVM that runs now (or ran last), for those that kill it or watch it. */
  public JavaProcess worker() {
    return worker;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Stops everything that started, newest first; safe to call twice and from a shutdown hook. */
  @Override
  public void close() {
    List<AutoCloseable> newestFirst;
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      newestFirst = List.copyOf(started);
      started.clear();
    }
    newestFirst.forEach(LocalStack::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("Cannot stop {}: {}", resource, e.toString());
    }
  }
}
