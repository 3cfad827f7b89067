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
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a worker: reads and validates its configuration, checks the estates it will serve, wires
 * the activities with Guice, and polls the region-failover task queue until the process is stopped.
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

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
    log.info("Connecting to Temporal at {}", config.temporal());
    Injector injector =
        Guice.createInjector(
            new AwsModule(AwsSettings.defaults()),
            new ActivitiesModule(config),
            new TemporalModule(config));
    EstateScan scan = injector.getInstance(EstateCatalog.class).scan();
    for (InvalidEstateFile invalid : scan.invalid()) {
      log.error("Estate file will not be served until it is fixed: {}", invalid.describe());
    }
    if (scan.estates().isEmpty()) {
      log.warn(
          "No valid estate in {}: every failover will fail at ASSESS",
          scan.directory().toAbsolutePath());
    }
    WorkerFactory factory;
    try {
      factory = injector.getInstance(WorkerFactory.class);
      checkNamespace(injector.getInstance(WorkflowServiceStubs.class), config);
    } catch (ProvisionException | StatusRuntimeException e) {
      log.error(
          "Cannot serve Temporal at {}: {}",
          config.temporal(),
          ConnectionFailures.explain(e, config.temporal()));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(injector), "worker-shutdown"));
    factory.start();
    log.info(
        "Worker started: task queue {}, namespace {}, Temporal {}, TLS {}, authentication {} ({}),"
            + " estates {} from {}",
        RegionFailoverWorkflow.TASK_QUEUE,
        config.temporal().namespace(),
        config.temporal().address(),
        config.temporal().tls() ? "on" : "off",
        config.temporal().authentication(),
        config.temporal().source(),
        scan.apps(),
        scan.directory().toAbsolutePath());
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

  /** Lets running activities finish briefly, then releases Temporal and AWS connections. */
  private static void shutdown(Injector injector) {
    log.info("Worker stopping");
    WorkerFactory factory = injector.getInstance(WorkerFactory.class);
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    injector.getInstance(KeepAliveHeartbeats.class).close();
    injector.getInstance(WorkflowServiceStubs.class).shutdown();
    injector.getInstance(AwsClients.class).close();
  }
}
