package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.regionfailover.devstack.process.JavaProcess;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SIGKILLs of a crash test, and how long each held the work: from the kill to the start of the
 * next activity attempt, read from the histories of the workflow and its children once it ended. An
 * ActivityTaskStarted event carries the time its attempt started, also when the attempt is a retry
 * of one the killed worker had started.
 */
final class Kills {

  /** A dead worker's step is handed on after the 10 s heartbeat timeout; this leaves margin. */
  static final Duration LONGEST_HOLD = Duration.ofSeconds(25);

  private final WorkflowClient client;
  private final String workflowId;
  private final List<Kill> kills = new ArrayList<>();
  private final List<Started> pendingAtKills = new ArrayList<>();

  Kills(WorkflowClient client, String workflowId) {
    this.client = client;
    this.workflowId = workflowId;
  }

  /** A kill: where the work stood, and when the signal was sent. */
  record Kill(String point, Instant at) {}

  /** One row of the table: the kill and the first activity attempt that started after it. */
  record Resumption(Kill kill, String step, Duration held) {}

  /** Kills the worker with SIGKILL, remembering the instant and what the work was doing. */
  void kill(JavaProcess worker, String point) {
    pendingAtKills.addAll(pendingActivities());
    kills.add(new Kill(point, Instant.now()));
    worker.kill();
  }

  /**
   * Prints, for each kill, the time to the next step's start, and asserts each is at most {@link
   * #LONGEST_HOLD}.
   */
  void report(String test) {
    List<Resumption> resumptions = resumptions();
    StringBuilder table = new StringBuilder();
    table.append(String.format("%n%s: from each SIGKILL to the next step's start%n", test));
    table.append(String.format("%-40s %-44s %8s%n", "Killed", "Next step started", "Held"));
    for (Resumption resumption : resumptions) {
      table.append(
          String.format(
              "%-40s %-44s %6.1f s%n",
              resumption.kill().point(), resumption.step(), resumption.held().toMillis() / 1000.0));
    }
    System.out.print(table);
    for (Resumption resumption : resumptions) {
      assertThat(resumption.held())
          .as("time from the kill %s to the next step", resumption.kill().point())
          .isLessThanOrEqualTo(LONGEST_HOLD);
    }
  }

  /**
   * For each kill, in order, the first activity attempt that started after it, read from the
   * histories once the workflow ended.
   */
  List<Resumption> resumptions() {
    List<Started> starts = startedActivities();
    starts.addAll(pendingAtKills);
    List<Resumption> resumptions = new ArrayList<>();
    for (Kill kill : kills) {
      Started next =
          starts.stream()
              .filter(started -> started.at().isAfter(kill.at()))
              .min(Comparator.comparing(Started::at))
              .orElseThrow(() -> new AssertionError("no step started after the kill " + kill));
      resumptions.add(new Resumption(kill, next.step(), Duration.between(kill.at(), next.at())));
    }
    return resumptions;
  }

  private record Started(String step, Instant at) {}

  /** The attempts running now in the workflow and, recursively, in its children. */
  private List<Started> pendingActivities() {
    List<Started> starts = new ArrayList<>();
    Deque<String> workflows = new ArrayDeque<>(List.of(workflowId));
    while (!workflows.isEmpty()) {
      DescribeWorkflowExecutionResponse description =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder().setWorkflowId(workflows.pop()).build())
                      .build());
      for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
        if (activity.hasLastStartedTime()) {
          starts.add(
              new Started(
                  step(activity.getActivityType().getName(), activity.getAttempt()),
                  instant(activity.getLastStartedTime())));
        }
      }
      description.getPendingChildrenList().forEach(child -> workflows.add(child.getWorkflowId()));
    }
    return starts;
  }

  /** Every started activity attempt in the histories of the workflow and its children. */
  private List<Started> startedActivities() {
    List<Started> starts = new ArrayList<>();
    Deque<String> workflows = new ArrayDeque<>(List.of(workflowId));
    while (!workflows.isEmpty()) {
      String id = workflows.pop();
      Map<Long, String> scheduled = new HashMap<>();
      for (HistoryEvent event : client.fetchHistory(id).getEvents()) {
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          scheduled.put(
              event.getEventId(),
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          var attributes = event.getActivityTaskStartedEventAttributes();
          String type =
              Optional.ofNullable(scheduled.get(attributes.getScheduledEventId())).orElse("?");
          starts.add(
              new Started(step(type, attributes.getAttempt()), instant(event.getEventTime())));
        } else if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
          workflows.add(
              event
                  .getChildWorkflowExecutionStartedEventAttributes()
                  .getWorkflowExecution()
                  .getWorkflowId());
        }
      }
    }
    return starts;
  }

  private static String step(String activityType, int attempt) {
    return activityType + " (attempt " + attempt + ")";
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
