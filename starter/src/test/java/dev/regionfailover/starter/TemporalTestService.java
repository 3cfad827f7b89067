package dev.regionfailover.starter;

import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * An in-process Temporal service with a fake RegionFailover workflow behind the real task queue,
 * and a way to run CLI commands against it.
 */
public final class TemporalTestService implements AutoCloseable {

  private final TestWorkflowEnvironment environment;

  public TemporalTestService() {
    this(FakeFailoverWorkflow.class);
  }

  /** A service whose RegionFailover workflow is the given implementation. */
  public TemporalTestService(Class<? extends RegionFailoverWorkflow> workflowType) {
    environment = TestWorkflowEnvironment.newInstance();
    environment
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(workflowType);
    environment.start();
  }

  public WorkflowClient client() {
    return environment.getWorkflowClient();
  }

  /** Runs one command line; the connection ignores the address and namespace options. */
  public Run run(String... args) {
    return Run.of((address, namespace) -> new TemporalConnection(client(), () -> {}), args);
  }

  @Override
  public void close() {
    environment.close();
  }
}
