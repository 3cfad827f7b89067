package dev.regionfailover.worker;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.estate.EstateScan;
import dev.regionfailover.activities.estate.InvalidEstateFile;
import dev.regionfailover.activities.heartbeat.KeepAliveHeartbeats;
import dev.regionfailover.connection.ConnectionFailures;
import dev.regionfailover.worker.health.HealthServer;
import dev.regionfailover.worker.health.Readiness;
import dev.regionfailover.worker.health.WorkerChecks;
import dev.regionfailover.worker.metrics.AwaitingApproval;
import dev.regionfailover.worker.metrics.AwsCallMetrics;
import dev.regionfailover.worker.metrics.StepRetries;
import dev.regionfailover.worker.metrics.WorkerMetrics;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a worker: reads and validates its configuration, checks the estates it will serve, wires
 * the activities with Guice, and polls the region-failover task queue until the process is stopped.
 * It serves /healthz, /readyz and /metrics from the start, and on SIGTERM stops as {@link
 * GracefulShutdown} describes.
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  /** How often the SDK's buffered counters reach the registry that /metrics reads. */
  private static final Duration METRICS_REPORT_INTERVAL = Duration.ofSeconds(10);

  /** How often the worker reads which failovers wait for approval, for its gauge. */
  private static final Duration AWAITING_APPROVAL_INTERVAL = Duration.ofSeconds(30);

  private WorkerMain() {}

  public static void main(String[] args) {
    WorkerConfig config;
    try {
      config = WorkerConfig.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("Invalid worker configuration:\n{}", e.getMessage());
      System.exit(2);
      return;
    }
    WorkerMetrics metrics = new WorkerMetrics(METRICS_REPORT_INTERVAL);
    Readiness readiness = new Readiness();
    HealthServer http;
    try {
      http =
          HealthServer.start(new InetSocketAddress(config.httpPort()), readiness, metrics::scrape);
    } catch (IOException e) {
      log.error(
          "Cannot serve /healthz, /readyz and /metrics on port {} (--http-port, env"
              + " FAILOVER_HTTP_PORT): {}",
          config.httpPort(),
          e.toString());
      System.exit(1);
      return;
    }
    log.info("Connecting to Temporal at {}", config.temporal());
    DrainingActivities inFlight = new DrainingActivities();
    Injector injector =
        Guice.createInjector(
            new AwsModule(AwsSettings.defaults(), new AwsCallMetrics(metrics.registry())),
            new ActivitiesModule(config),
            new TemporalModule(
                config, metrics.temporalScope(), new StepRetries(metrics.registry()), inFlight));
    EstateCatalog catalog = injector.getInstance(EstateCatalog.class);
    EstateScan scan = catalog.scan();
    for (InvalidEstateFile invalid : scan.invalid()) {
      log.error("Estate file will not be served until it is fixed: {}", invalid.describe());
    }
    if (scan.estates().isEmpty()) {
      log.warn(
          "No valid estate in {}: every failover will fail at ASSESS",
          scan.directory().toAbsolutePath());
    }
    WorkerFactory factory;
    WorkflowServiceStubs stubs;
    try {
      factory = injector.getInstance(WorkerFactory.class);
      stubs = injector.getInstance(WorkflowServiceStubs.class);
      checkNamespace(stubs, config);
    } catch (ProvisionException | StatusRuntimeException e) {
      log.error(
          "Cannot serve Temporal at {}: {}",
          config.temporal(),
          ConnectionFailures.explain(e, config.temporal()));
      System.exit(1);
      return;
    }
    AwaitingApproval awaiting =
        new AwaitingApproval(
            metrics.registry(),
            injector.getInstance(WorkflowClient.class),
            () -> catalog.scan().apps());
    GracefulShutdown shutdown =
        new GracefulShutdown(
            config.shutdownGrace(),
            readiness,
            factory,
            inFlight,
            List.of(
                awaiting,
                injector.getInstance(KeepAliveHeartbeats.class),
                stubs::shutdown,
                injector.getInstance(AwsClients.class),
                http,
                metrics));
    shutdown.install();
    factory.start();
    readiness.started(WorkerChecks.of(stubs, config.temporal().address(), catalog, factory));
    awaiting.start(AWAITING_APPROVAL_INTERVAL);
    log.info(
        "Worker started: task queue {}, namespace {}, Temporal {}, TLS {}, authentication {} ({}),"
            + " estates {} from {}, health and metrics on http://0.0.0.0:{}/metrics",
        RegionFailoverWorkflow.TASK_QUEUE,
        config.temporal().namespace(),
        config.temporal().address(),
        config.temporal().tls() ? "on" : "off",
        config.temporal().authentication(),
        config.temporal().source(),
        scan.apps(),
        scan.directory().toAbsolutePath(),
        http.port());
  }

  private static void checkNamespace(WorkflowServiceStubs stubs, WorkerConfig config) {
    try {
      stubs
          .blockingStub()
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder()
                  .setNamespace(config.temporal().namespace())
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw Status.NOT_FOUND
            .withDescription(
                "namespace "
                    + config.temporal().namespace()
                    + " does not exist; create it or pass --namespace")
            .asRuntimeException();
      }
      throw e;
    }
  }
}
