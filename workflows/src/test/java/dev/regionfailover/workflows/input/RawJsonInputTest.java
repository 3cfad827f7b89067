package dev.regionfailover.workflows.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.detection.RegionHealthMonitorWorkflowImpl;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflowImpl;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflowImpl;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflowImpl;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflowImpl;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflowImpl;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts every workflow type with JSON text as the Temporal CLI or UI sends it, not through a typed
 * stub: input that is not an object, or has a field of the wrong type, or lacks the requester,
 * fails the workflow in its first task with a message naming the problem, and no workflow task
 * fails.
 */
class RawJsonInputTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerIn(env);
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowRegistration.OPTIONS,
        RegionFailoverWorkflowImpl.class,
        ReadinessCheckWorkflowImpl.class,
        SwitchoverRehearsalWorkflowImpl.class,
        ReconcileRegionWorkflowImpl.class,
        RegionHealthMonitorWorkflowImpl.class,
        RepinEntitiesWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static Stream<Arguments> badInputs() {
    List<String> types =
        List.of(
            "RegionFailover",
            "ReadinessCheck",
            "RegionHealthMonitor",
            "SwitchoverRehearsal",
            "ReconcileRegion",
            "RepinEntities");
    return types.stream()
        .flatMap(
            type ->
                Stream.of(
                    Arguments.of(
                        type,
                        "\"just a string\"",
                        "the input must be a JSON object with the fields [app, ",
                        "not a string \"just a string\""),
                    Arguments.of(
                        type, "[1,2]", "the input must be a JSON object", "not an array [1,2]"),
                    Arguments.of(
                        type,
                        "{\"app\":5,\"unknownKey\":true}",
                        "invalid input: \"app\" must be a string, not a number 5",
                        "invalid input")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badInputs")
  void inputThatDoesNotBindFailsTheWorkflowAtOnce(
      String type, String json, String message, String detail) {
    String id = type.toLowerCase() + "-bad-input";

    ApplicationFailure failure = failureOf(type, id, json);

    assertThat(failure.getMessage()).contains(message).contains(detail);
    assertThat(failure.getType()).isEqualTo(InvalidWorkflowInput.class.getName());
    assertFailedInFirstTask(id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withoutRequester")
  void aStartWithoutRequesterFails(String type, String json, String message) {
    String id = type.equals("RegionFailover") ? "failover-orders" : type + "-no-requester";

    ApplicationFailure failure = failureOf(type, id, json);

    assertThat(failure.getMessage()).contains(message);
    assertThat(failure.isNonRetryable()).isTrue();
    assertFailedInFirstTask(id);
  }

  static Stream<Arguments> withoutRequester() {
    return Stream.of(
        Arguments.of(
            "RegionFailover",
            "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\"}",
            "\"requestedBy\" is missing"),
        Arguments.of(
            "RegionFailover",
            "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"requestedBy\":\"  \"}",
            "\"requestedBy\" is missing"),
        Arguments.of(
            "SwitchoverRehearsal",
            "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"holdFor\":\"PT10M\"}",
            "\"requestedBy\" is missing"),
        Arguments.of(
            "ReconcileRegion",
            "{\"app\":\"orders\",\"oldRegion\":\"us-east-1\"}",
            "\"requestedBy\" is missing"));
  }

  private ApplicationFailure failureOf(String type, String id, String json) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
    stub.start(RawJson.of(json));
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
}
