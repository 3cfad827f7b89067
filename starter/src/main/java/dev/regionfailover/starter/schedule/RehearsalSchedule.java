package dev.regionfailover.starter.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.temporal.StartSummary;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Temporal Schedule that starts SwitchoverRehearsal workflows: on cron expressions (UTC) and/or
 * intervals, never two at once (overlap SKIP: a rehearsal still running when the next is due makes
 * the schedule skip that one), and a missed start is taken late only within the catch-up window, so
 * a rehearsal never starts hours late after an outage of Temporal itself.
 */
public record RehearsalSchedule(
    String scheduleId,
    RehearsalRequest request,
    List<String> cronExpressions,
    List<Duration> intervals,
    Duration catchupWindow,
    boolean paused,
    String note) {

  public static final String PREFIX = "rehearsal-";

  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  public RehearsalSchedule {
    cronExpressions = List.copyOf(cronExpressions);
    intervals = List.copyOf(intervals);
  }

  /** {@code rehearsal-<app>}, or {@code rehearsal-<app>-<name>} for a second schedule of an app. */
  public static String scheduleId(String app, String name) {
    return PREFIX + app + (name == null ? "" : "-" + name);
  }

  /**
   * The Schedule: its action starts the rehearsal under the schedule's id, to which Temporal
   * appends the time of each action ({@code rehearsal-orders-2025-03-04T03:00:00Z}).
   */
  public Schedule toSchedule() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(SwitchoverRehearsalWorkflow.TYPE)
                .setOptions(
                    summary()
                        .addTo(WorkflowOptions.newBuilder())
                        .setWorkflowId(scheduleId)
                        .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                        .build())
                .setArguments(request)
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(cronExpressions)
                .setIntervals(intervals.stream().map(ScheduleIntervalSpec::new).toList())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(catchupWindow)
                .build())
        .setState(ScheduleState.newBuilder().setPaused(paused).setNote(note).build())
        .build();
  }

  /** What the Temporal UI shows of each rehearsal the schedule starts. */
  public StartSummary summary() {
    return WorkflowSummaries.scheduledRehearsal(scheduleId, request);
  }

  /** The input of each rehearsal as the JSON the Temporal CLI and UI show and take. */
  public String inputJson() {
    try {
      return JSON.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same schedule made with the Temporal CLI, for operators who prefer it. */
  public List<String> temporalCommand() {
    List<String> command = new ArrayList<>(List.of("temporal", "schedule", "create"));
    command.addAll(List.of("--schedule-id", scheduleId));
    for (String cron : cronExpressions) {
      command.addAll(List.of("--cron", cron));
    }
    for (Duration interval : intervals) {
      command.addAll(List.of("--interval", goDuration(interval)));
    }
    command.addAll(List.of("--overlap-policy", "Skip"));
    command.addAll(List.of("--catchup-window", goDuration(catchupWindow)));
    if (paused) {
      command.add("--paused");
    }
    if (!note.isEmpty()) {
      command.addAll(List.of("--notes", note));
    }
    command.addAll(List.of("--workflow-id", scheduleId));
    command.addAll(List.of("--task-queue", RegionFailoverWorkflow.TASK_QUEUE));
    command.addAll(List.of("--type", SwitchoverRehearsalWorkflow.TYPE));
    command.addAll(List.of("--input", inputJson()));
    command.addAll(List.of("--static-summary", summary().summary()));
    command.addAll(List.of("--static-details", summary().details()));
    return command;
  }

  /** A duration as the Temporal CLI writes it: {@code 1h30m}, {@code 10m}, {@code 45s}. */
  static String goDuration(Duration duration) {
    long seconds = duration.getSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || text.length() == 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
