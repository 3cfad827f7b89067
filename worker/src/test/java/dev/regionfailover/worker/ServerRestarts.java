package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SIGKILLs of the Temporal dev server in a crash test, each followed by a restart on the same
 * port and database file, and how long each restart took to hand work on, read from the histories
 * of the workflow and its children once it ended: from the moment the restarted server served
 * again, or from the end of a step that ran on across the restart if that came later, to the start
 * of the next activity attempt.
 */
final class ServerRestarts {

  /**
   * A worker that lost its server retries its polls with a back-off of a few seconds; a step that
   * waited longer than this after the server came back would mean the worker did not reconnect.
   */
  static final Duration LONGEST_RESUMPTION = Duration.ofSeconds(20);

  private final TemporalDevServer server;
  private final WorkflowClient client;
  private final String workflowId;
  private final List<Restart> restarts = new ArrayList<>();

  ServerRestarts(TemporalDevServer server, WorkflowClient client, String workflowId) {
    this.server = server;
    this.client = client;
    this.workflowId = workflowId;
  }

  /** A kill and restart: where the work stood, when the kill came, when the server served. */
  private record Restart(String point, Instant killed, Instant served) {}

  /** An activity attempt: its step name, when it started, and when it ended (null if never). */
  private record Attempt(String step, Instant started, Instant ended) {}

  /**
   * Kills the server with SIGKILL, keeps it down for {@code down}, then starts it again on its
   * database file and waits until it serves.
   */
  void killAndRestart(String point, Duration down) {
    Instant killed = Instant.now();
    server.kill();
    FailoverEndToEndTest.sleep(down);
    server.restart();
    restarts.add(new Restart(point, killed, Instant.now()));
  }

  /**
   * Prints, for each restart, the step that ran on across it and the time to the next step's start,
   * and asserts each such time is at most {@link #LONGEST_RESUMPTION}.
   */
  void report(String test) {
    List<Attempt> attempts = attempts();
    StringBuilder table = new StringBuilder();
    table.append(
        String.format("%n%s: from each Temporal server restart to the next step's start%n", test));
    table.append(
        String.format(
            "%-32s %6s  %-50s %-32s %8s%n",
            "Server killed", "Down", "Ran on across the restart", "Next step started", "Resumed"));
    List<Duration> resumptions = new ArrayList<>();
    for (Restart restart : restarts) {
      List<Attempt> across =
          attempts.stream()
              .filter(a -> a.started().isBefore(restart.killed()))
              .filter(a -> a.ended() != null && a.ended().isAfter(restart.served()))
              .toList();
      Instant from =
          across.stream().map(Attempt::ended).max(Instant::compareTo).orElse(restart.served());
      Attempt next =
          attempts.stream()
              .filter(a -> a.started().isAfter(from))
              .min((a, b) -> a.started().compareTo(b.started()))
              .orElseThrow(
                  () -> new AssertionError("no step started after the restart " + restart));
      String ranOn =
          across.isEmpty()
              ? "-"
              : across.get(0).step()
                  + String.format(
                      ", ended +%.1f s",
                      Duration.between(restart.served(), across.get(0).ended()).toMillis()
                          / 1000.0);
      Duration resumed = Duration.between(from, next.started());
      resumptions.add(resumed);
      table.append(
          String.format(
              "%-32s %4.1f s  %-50s %-32s %6.1f s%n",
              restart.point(),
              Duration.between(restart.killed(), restart.served()).toMillis() / 1000.0,
              ranOn,
              next.step(),
              resumed.toMillis() / 1000.0));
    }
    System.out.print(table);
    for (int i = 0; i < restarts.size(); i++) {
      assertThat(resumptions.get(i))
          .as("time from the restart after %s to the next step", restarts.get(i).point())
          .isLessThanOrEqualTo(LONGEST_RESUMPTION);
    }
  }

  /** Every activity attempt that started, in the histories of the workflow and its children. */
  private List<Attempt> attempts() {
    List<Attempt> attempts = new ArrayList<>();
    Deque<String> workflows = new ArrayDeque<>(List.of(workflowId));
    while (!workflows.isEmpty()) {
      Map<Long, String> scheduled = new HashMap<>();
      Map<Long, Attempt> started = new HashMap<>();
      for (HistoryEvent event : client.fetchHistory(workflows.pop()).getEvents()) {
        Instant at = instant(event.getEventTime());
        switch (event.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
              scheduled.put(
                  event.getEventId(),
                  event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
          case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
            var attributes = event.getActivityTaskStartedEventAttributes();
            String type =
                Optional.ofNullable(scheduled.get(attributes.getScheduledEventId())).orElse("?");
            started.put(
                attributes.getScheduledEventId(),
                new Attempt(type + " (attempt " + attributes.getAttempt() + ")", at, null));
          }
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
              end(
                  started,
                  event.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                  at);
          case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
              end(started, event.getActivityTaskFailedEventAttributes().getScheduledEventId(), at);
          case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
              end(
                  started,
                  event.getActivityTaskTimedOutEventAttributes().getScheduledEventId(),
                  at);
          case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED ->
              workflows.add(
                  event
                      .getChildWorkflowExecutionStartedEventAttributes()
                      .getWorkflowExecution()
                      .getWorkflowId());
          default -> {}
        }
      }
      attempts.addAll(started.values());
    }
    return attempts;
  }

  private static void end(Map<Long, Attempt> started, long scheduledEventId, Instant at) {
    started.computeIfPresent(
        scheduledEventId, (id, attempt) -> new Attempt(attempt.step(), attempt.started(), at));
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
