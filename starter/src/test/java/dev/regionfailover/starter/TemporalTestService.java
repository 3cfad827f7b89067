package dev.regionfailover.starter;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;

/**
 * A fake RegionFailover workflow, and a fake RecoverAuthority that shares its workflow id, behind
 * the real task queue of a Temporal server, served by an in-process worker, and a way to run CLI
 * commands against it.
 *
 * <p>The server is the real Temporal dev server, headless and in memory, one per instance so that
 * tests never see each other's workflows (it starts in well under a second). Where no Temporal CLI
 * is installed these tests skip, and fail where {@code REGIONFAILOVER_TEMPORAL_REQUIRED} is set.
 * {@link #withoutSchedules()} is the Java test server instead, for the one thing only it can show:
 * what the CLI says to a server that has no Schedules API.
 */
public final class TemporalTestService implements AutoCloseable {

  private final Class<? extends RegionFailoverWorkflow> workflowType;
  private final WorkflowClient client;
  private final Runnable release;
  private WorkerFactory workers;

  public TemporalTestService() {
    this(FakeFailoverWorkflow.class);
  }

  /** A service on the dev server whose RegionFailover workflow is the given implementation. */
  public TemporalTestService(Class<? extends RegionFailoverWorkflow> workflowType) {
    this.workflowType = requireNonNull(workflowType, "workflowType is null");
    TemporalDevServer server = TemporalForTesting.devServer();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    client = WorkflowClient.newInstance(service);
    release =
        () -> {
          service.shutdownNow();
          server.close();
        };
    startWorker();
  }

  private TemporalTestService(TestWorkflowEnvironment environment) {
    workflowType = FakeFailoverWorkflow.class;
    client = environment.getWorkflowClient();
    release = environment::close;
    startWorker();
  }

  /**
   * The in-process Java test server, which has no Schedules API: only for tests of what the CLI
   * says to such a server.
   */
  public static TemporalTestService withoutSchedules() {
    return new TemporalTestService(TestWorkflowEnvironment.newInstance());
  }

  /**
   * Starts a fresh in-process worker, after {@link #killWorker()}; it resumes every open workflow
   * from the history the server kept.
   */
  public void startWorker() {
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(workflowType, FakeRecoverAuthorityWorkflow.class);
    workers.start();
  }

  public WorkflowClient client() {
    return client;
  }

  /** Stops the in-process worker at once, as a crash would; the server keeps every history. */
  public void killWorker() {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Runs one command line; the connection ignores the address and namespace options. */
  public Run run(String... args) {
    return Run.of((address, namespace) -> new TemporalConnection(client(), () -> {}), args);
  }

  @Override
  public void close() {
    killWorker();
    release.run();
  }
}
