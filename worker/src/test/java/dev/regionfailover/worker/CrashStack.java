package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.temporal.ActivityTaskProxy;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything one run of the crash matrix needs, of its own, so that runs can go on side by side:
 * moto and the AWS stand-in with the orders estate provisioned, a Temporal dev server, the gRPC
 * proxy the workers reach it through, and the worker JVMs, each started as a process of its own so
 * that it can be killed with SIGKILL.
 */
final class CrashStack implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("Worker started");
  private static final int START_ATTEMPTS = 3;

  private final String name;
  private final Path logs;
  private final AwsStack aws;
  private final EmulatorClients clients;
  private final Estate estate;
  private final EstateState state;
  private final TemporalDevServer temporal;
  private final ActivityTaskProxy proxy;
  private final WorkflowServiceStubs service;
  private final List<JavaProcess> workers = new ArrayList<>();

  CrashStack(String name, Path logs) {
    this.name = name;
    this.logs = logs;
    try {
      estate = EstateParser.parse(Files.readString(ESTATES.resolve("orders.yaml")), "orders.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (EstateValidationException e) {
      throw new IllegalStateException("the orders estate does not validate", e);
    }
    aws = AwsStack.start();
    clients = new EmulatorClients(aws.endpoint());
    new EstateProvisioner(clients).provision(estate, 40);
    state = new EstateState(clients, estate);
    temporal = TemporalForTesting.devServer();
    proxy = ActivityTaskProxy.start(temporal.target());
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  AwsStack aws() {
    return aws;
  }

  Estate estate() {
    return estate;
  }

  /**
   * The estate's state as read through the stand-in, which serves the ARC routing controls moto
   * lacks; call it once the failover ended, after lifting the faults.
   */
  EstateState state() {
    return state;
  }

  ActivityTaskProxy proxy() {
    return proxy;
  }

  WorkflowClient client() {
    return WorkflowClient.newInstance(service);
  }

  /**
   * Starts a worker JVM that reaches Temporal through the proxy, and waits until it runs. A worker
   * gives up at start when it cannot reach Temporal within its connect timeout, which a loaded
   * machine can make it miss; like a supervisor, this starts another one, up to three times.
   */
  JavaProcess startWorker() {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOneWorker();
      } catch (IllegalStateException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private JavaProcess startOneWorker() {
    JavaProcess worker =
        JavaProcess.builder("dev.regionfailover.worker.WorkerMain")
            .classpath(JavaProcess.currentClasspath())
            .env("FAILOVER_HTTP_PORT", Integer.toString(FreePorts.loopback()))
            .env("TEMPORAL_ADDRESS", proxy.target())
            .env("TEMPORAL_STICKY_TIMEOUT", temporal.stickyScheduleToStartTimeout().toString())
            .env("FAILOVER_ESTATES_DIR", ESTATES.toString())
            .env("AWS_ENDPOINT_URL", aws.endpoint().toString())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", SOURCE)
            .logFile(logs.resolve(name + "-worker-" + (workers.size() + 1) + ".log"))
            .build();
    workers.add(worker);
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(90));
    return worker;
  }

  @Override
  public void close() {
    workers.forEach(JavaProcess::close);
    service.shutdownNow();
    proxy.close();
    temporal.close();
    clients.close();
    aws.close();
  }
}
