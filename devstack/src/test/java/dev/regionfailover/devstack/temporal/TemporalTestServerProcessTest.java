package dev.regionfailover.devstack.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalTestServerProcessTest {

  @TempDir Path bin;

  @Test
  void servesTheDefaultNamespaceOnLoopbackAndIsGoneAfterClose() {
    long pid;
    String target;
    try (TemporalTestServerProcess server = TemporalTestServerProcess.start()) {
      pid = server.process().pid();
      target = server.target();
      assertThat(target).startsWith("127.0.0.1:");
      assertThat(server.supportsSchedules()).isFalse();
      assertThat(describeDefault(target).getNamespaceInfo().getName()).isEqualTo("default");
    }

    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThatThrownBy(() -> describeDefault(target)).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void startUsesTheTestServerWithoutATemporalCli() {
    int port = FreePorts.loopback();
    try (TemporalServer server =
        TemporalServers.start(
            DevServerSettings.headless(port),
            Executables.onPath("temporal", bin.toString()),
            false)) {
      assertThat(server).isInstanceOf(TemporalTestServerProcess.class);
      assertThat(server.target()).isEqualTo("127.0.0.1:" + port);
      assertThat(acceptsConnections(port)).isTrue();
    }
    assertThat(acceptsConnections(port)).isFalse();
  }

  /** Without them, the first upsert of every failover would fail its workflow task for good. */
  @Test
  void acceptsUpsertsOfTheProjectsSearchAttributes() {
    try (TemporalTestServerProcess server = TemporalTestServerProcess.start()) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
      try {
        factory
            .newWorker(
                "search-attributes",
                WorkerOptions.newBuilder()
                    .setStickyQueueScheduleToStartTimeout(server.stickyScheduleToStartTimeout())
                    .build())
            .registerWorkflowImplementationTypes(UpsertingWorkflowImpl.class);
        factory.start();
        UpsertingWorkflow workflow =
            factory
                .getWorkflowClient()
                .newWorkflowStub(
                    UpsertingWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue("search-attributes")
                        .setWorkflowRunTimeout(Duration.ofSeconds(20))
                        .build());

        assertThat(workflow.upsertAll()).isEqualTo(SearchAttributes.ALL.size());
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  @WorkflowInterface
  public interface UpsertingWorkflow {
    @WorkflowMethod
    int upsertAll();
  }

  /** Upserts a value for every project search attribute, as the real workflows do. */
  public static class UpsertingWorkflowImpl implements UpsertingWorkflow {
    @Override
    public int upsertAll() {
      for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
        @SuppressWarnings("unchecked")
        SearchAttributeKey<String> keyword = (SearchAttributeKey<String>) key;
        Workflow.upsertTypedSearchAttributes(keyword.valueSet("value"));
      }
      return Workflow.getTypedSearchAttributes().size();
    }
  }

  private static DescribeNamespaceResponse describeDefault(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
