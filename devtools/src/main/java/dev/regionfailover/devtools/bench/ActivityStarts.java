package dev.regionfailover.devtools.bench;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
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
 * Every activity attempt that started in a workflow and, recursively, its children, read from their
 * histories: an ActivityTaskStarted event carries the time its attempt started, also when the
 * attempt was a retry of one a killed worker had started. The recovery figure of a kill is the time
 * from the kill to the first attempt that started after it.
 */
final class ActivityStarts {

  /** One attempt: its activity type and attempt number, and when it started. */
  record Start(String step, Instant at) {}

  private final List<Start> starts;

  private ActivityStarts(List<Start> starts) {
    this.starts = starts;
  }

  /** Reads the histories of {@code workflowId}'s latest run and of the children it started. */
  static ActivityStarts of(WorkflowClient client, String workflowId) {
    requireNonNull(client, "client is null");
    List<Start> starts = new ArrayList<>();
    Deque<String> workflows = new ArrayDeque<>(List.of(workflowId));
    while (!workflows.isEmpty()) {
      Map<Long, String> scheduled = new HashMap<>();
      for (HistoryEvent event : client.fetchHistory(workflows.pop()).getEvents()) {
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          scheduled.put(
              event.getEventId(),
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          var attributes = event.getActivityTaskStartedEventAttributes();
          String type =
              Optional.ofNullable(scheduled.get(attributes.getScheduledEventId())).orElse("?");
          starts.add(
              new Start(
                  type + " (attempt " + attributes.getAttempt() + ")",
                  instant(event.getEventTime())));
        } else if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
          workflows.add(
              event
                  .getChildWorkflowExecutionStartedEventAttributes()
                  .getWorkflowExecution()
                  .getWorkflowId());
        }
      }
    }
    return new ActivityStarts(starts);
  }

  /** The first attempt that started after {@code kill}, if any did. */
  Optional<Start> firstAfter(Instant kill) {
    return starts.stream()
        .filter(start -> start.at().isAfter(kill))
        .min(Comparator.comparing(Start::at));
  }

  /** The time from {@code kill} to {@link #firstAfter}, if an attempt started after it. */
  Optional<Duration> heldAfter(Instant kill) {
    return firstAfter(kill).map(start -> Duration.between(kill, start.at()));
  }

  /** The instant of a history event's time. */
  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
