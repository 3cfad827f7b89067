package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.ESTATES;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.uber.m3.tally.NoopScope;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.heartbeat.KeepAliveHeartbeats;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.workflows.failover.RecoverAuthorityWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.input.InvalidWorkflowInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input against the real Temporal dev server and the worker's own registration ({@link
 * TemporalModule}): a start whose input is not an object, whether sent as JSON text by a client or
 * typed into the Temporal CLI, fails the workflow in its first workflow task, and the server
 * retries no task.
 */
class BadInputDevServerTest {

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  private TemporalDevServer temporal;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private WorkerFactory factory;
  private final KeepAliveHeartbeats heartbeats = new KeepAliveHeartbeats();

  @BeforeEach
  void setUp() {
    temporal = TemporalForTesting.devServer();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client = WorkflowClient.newInstance(service);
    WorkerConfig config =
        WorkerConfig.from(new String[] {"--estates", ESTATES.toString()}, Map.of());
    factory =
        new TemporalModule(config, new NoopScope())
            .workerFactory(
                client,
                new RegisteredActivities(List.of()),
                heartbeats,
                new EstateCatalog(config.estatesDirectory()));
    factory.start();
  }

  @AfterEach
  void tearDown() {
    factory.shutdownNow();
    heartbeats.close();
    service.shutdownNow();
    temporal.close();
  }

  @Test
  void aFailoverStartedWithAStringFailsAtOnce() {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            RegionFailoverWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId("failover-orders")
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
    stub.start(new RawValue(json("\"orders\"")));

    ApplicationFailure failure = failure(stub);

    assertThat(failure.getType()).isEqualTo(InvalidWorkflowInput.class.getName());
    assertThat(failure.getMessage())
        .contains(
            "the input must be a JSON object with the fields [app, targetRegion, mode, reason,"
                + " requestedBy], not a string \"orders\"");
    assertFailedInFirstTask("failover-orders");
  }

  @Test
  void aFailoverWithoutRequesterFailsBeforeAnyChange() {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            RegionFailoverWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId("failover-orders")
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
    stub.start(new RawValue(json("{\"app\":\"orders\",\"targetRegion\":\"us-west-2\"}")));

    ApplicationFailure failure = failure(stub);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getMessage()).contains("\"requestedBy\" is missing");
    assertFailedInFirstTask("failover-orders");
  }

  @Test
  void aRecoveryWithoutRequesterOrWithAWrongTypeFailsAtOnce() {
    WorkflowStub anonymous = recovery();
    anonymous.start(new RawValue(json("{\"app\":\"orders\",\"requestedBy\":\" \"}")));

    ApplicationFailure missing = failure(anonymous);

    assertThat(missing.isNonRetryable()).isTrue();
    assertThat(missing.getMessage()).contains("\"requestedBy\" is missing");
    assertFailedInFirstTask("failover-orders");

    WorkflowStub mistyped = recovery();
    mistyped.start(new RawValue(json("{\"app\":\"orders\",\"requestedBy\":[\"carol\"]}")));

    ApplicationFailure wrongType = failure(mistyped);

    assertThat(wrongType.getType()).isEqualTo(InvalidWorkflowInput.class.getName());
    assertThat(wrongType.getMessage()).contains("\"requestedBy\" must be a string, not an array");
  }

  private WorkflowStub recovery() {
    return client.newUntypedWorkflowStub(
        RecoverAuthorityWorkflow.TYPE,
        WorkflowOptions.newBuilder()
            .setWorkflowId("failover-orders")
            .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
            .build());
  }

  @Test
  void theTemporalCliInputOfAnArrayFailsAtOnce() throws Exception {
    Process cli =
        new ProcessBuilder(
                TemporalForTesting.cli().toString(),
                "workflow",
                "start",
                "--address",
                temporal.target(),
                "--task-queue",
                RegionFailoverWorkflow.TASK_QUEUE,
                "--type",
                "ReadinessCheck",
                "--workflow-id",
                "readiness-orders",
                "--input",
                "[\"orders\"]")
            .redirectErrorStream(true)
            .start();
    assertThat(cli.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.exitValue()).as(output).isZero();

    ApplicationFailure failure = failure(client.newUntypedWorkflowStub("readiness-orders"));

    assertThat(failure.getMessage())
        .contains(
            "the input must be a JSON object with the fields [app, targetRegion], not an array"
                + " [\"orders\"]");
    assertFailedInFirstTask("readiness-orders");
  }

  private static ApplicationFailure failure(WorkflowStub stub) {
    Throwable thrown = null;
    try {
      stub.getResult(20, TimeUnit.SECONDS, Object.class);
    } catch (Exception e) {
      thrown = e;
    }
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  private void assertFailedInFirstTask(String id) {
    List<EventType> events =
        client.fetchHistory(id).getEvents().stream().map(HistoryEvent::getEventType).toList();
    assertThat(events).doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    assertThat(events.stream().filter(e -> e == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED))
        .hasSize(1);
    assertThat(events).last().isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
  }

  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8))
        .build();
  }
}
