package dev.regionfailover.devstack.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Temporal dev server from the installed Temporal CLI, as the dev stack runs it. */
class TemporalDevServerTest {

  private static final String WORKFLOW_ID = "failover-orders";

  @TempDir Path directory;

  /**
   * A fake CLI that loses the port race once, as the real server sometimes does when it picks one
   * of its own ports from the same ephemeral range, then serves with the Java test server.
   */
  @Test
  void aStartThatFindsAPortInUseIsTriedAgain() throws IOException {
    Path marker = directory.resolve("first-start");
    Path temporal = directory.resolve("temporal");
    Files.writeString(
        temporal,
        String.join(
            "\n",
            "#!/bin/sh",
            "if [ ! -e '" + marker + "' ]; then",
            "  touch '" + marker + "'",
            "  echo 'failed listening for HTTP API: bind: address already in use'",
            "  exit 1",
            "fi",
            "exec '"
                + JavaProcess.javaBinary()
                + "' -XX:TieredStopAtLevel=1 -cp '"
                + JavaProcess.currentClasspath()
                + "' "
                + LoopbackTestServerMain.class.getName()
                + " \"$6\"",
            ""));
    Files.setPosixFilePermissions(temporal, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (TemporalDevServer server =
        TemporalDevServer.start(temporal, DevServerSettings.headless(FreePorts.loopback()))) {
      assertThat(Files.exists(marker)).isTrue();
      assertThat(server.process().isAlive()).isTrue();
    }
  }

  @Test
  void theUiServesThePageAndTheServersWorkflowsOnItsPort() throws Exception {
    int uiPort = FreePorts.loopback();
    try (TemporalDevServer server =
        TemporalDevServer.start(
            TemporalForTesting.cli(),
            new DevServerSettings(FreePorts.loopback(), OptionalInt.of(uiPort), null))) {
      assertThat(server.uiAddress()).contains("http://127.0.0.1:" + uiPort);
      startWorkflow(server.target());

      HttpResponse<String> page = get(server.uiAddress().get() + "/");
      HttpResponse<String> workflow =
          get(server.uiAddress().get() + "/api/v1/namespaces/default/workflows/" + WORKFLOW_ID);

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<!doctype html>").contains("/_app/immutable/");
      assertThat(workflow.statusCode()).as(workflow.body()).isEqualTo(200);
      assertThat(workflow.body()).contains("\"workflowId\": \"" + WORKFLOW_ID + "\"");
    }
  }

  @Test
  void registersTheProjectsSearchAttributes() {
    try (TemporalDevServer server = TemporalForTesting.devServer()) {
      assertThat(server.uiAddress()).isEmpty();
      assertThat(server.supportsSchedules()).isTrue();
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget(server.target())
                  .validateAndBuildWithDefaults());
      try {
        Map<String, IndexedValueType> custom =
            operator
                .blockingStub()
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                .getCustomAttributesMap();

        assertThat(SearchAttributes.ALL).isNotEmpty();
        for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
          assertThat(custom).containsEntry(key.getName(), key.getValueType());
        }
      } finally {
        operator.shutdownNow();
      }
    }
  }

  @Test
  void aKilledServerRestartedOnItsDatabaseKeepsTheHistory() {
    Path database = directory.resolve("dev").resolve("temporal.db");
    DevServerSettings settings =
        new DevServerSettings(FreePorts.loopback(), OptionalInt.empty(), database);
    try (TemporalDevServer server = TemporalDevServer.start(TemporalForTesting.cli(), settings)) {
      String runId = startWorkflow(server.target());
      long pid = server.process().pid();

      server.kill();
      assertThat(ProcessHandle.of(pid)).isEmpty();
      server.restart();

      assertThat(server.process().pid()).isNotEqualTo(pid);
      DescribeWorkflowExecutionResponse described = describe(server.target());
      assertThat(described.getWorkflowExecutionInfo().getExecution().getRunId()).isEqualTo(runId);
      assertThat(described.getWorkflowExecutionInfo().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }
    assertThat(database).exists();

    TemporalDevServer.deleteDatabase(database);

    assertThat(database).doesNotExist();
    assertThat(directory.resolve("dev")).isEmptyDirectory();
    try (TemporalDevServer server = TemporalDevServer.start(TemporalForTesting.cli(), settings)) {
      assertThatThrownBy(() -> describe(server.target()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  @Test
  void deletingADatabaseThatDoesNotExistIsNoError() throws IOException {
    Path database = directory.resolve("temporal.db");
    Files.writeString(directory.resolve("temporal.db-journal"), "left over");

    TemporalDevServer.deleteDatabase(database);

    assertThat(directory).isEmptyDirectory();
  }

  /** Starts workflow {@value #WORKFLOW_ID}; with no worker it stays running. */
  private static String startWorkflow(String target) {
    WorkflowServiceStubs stubs = stubs(target);
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .startWorkflowExecution(
              StartWorkflowExecutionRequest.newBuilder()
                  .setNamespace("default")
                  .setWorkflowId(WORKFLOW_ID)
                  .setWorkflowType(WorkflowType.newBuilder().setName("RegionFailover"))
                  .setTaskQueue(TaskQueue.newBuilder().setName("region-failover"))
                  .setRequestId(UUID.randomUUID().toString())
                  .build())
          .getRunId();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static DescribeWorkflowExecutionResponse describe(String target) {
    WorkflowServiceStubs stubs = stubs(target);
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace("default")
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID))
                  .build());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static WorkflowServiceStubs stubs(String target) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
