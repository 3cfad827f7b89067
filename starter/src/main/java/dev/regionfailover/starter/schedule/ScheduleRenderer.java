package dev.regionfailover.starter.schedule;

import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import io.temporal.client.schedules.ScheduleAction;
import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A rehearsal schedule as an operator reads it. */
final class ScheduleRenderer {

  private static final String INDENT = "  ";

  private ScheduleRenderer() {}

  static String describe(ScheduleDescription description) {
    ScheduleState state = description.getSchedule().getState();
    ScheduleInfo info = description.getInfo();
    TextTable table = new TextTable(2);
    table.row("state", state(state.isPaused(), state.getNote()));
    table.row("when", when(description.getSchedule().getSpec()));
    SchedulePolicy policy = description.getSchedule().getPolicy();
    table.row(
        "policy",
        "overlap "
            + policy.getOverlap().name().replace("SCHEDULE_OVERLAP_POLICY_", "")
            + ", catch-up window "
            + policy.getCatchupWindow());
    ScheduleAction action = description.getSchedule().getAction();
    if (action instanceof ScheduleActionStartWorkflow start) {
      table.row(
          "starts",
          start.getWorkflowType()
              + " on "
              + start.getOptions().getTaskQueue()
              + " as "
              + start.getOptions().getWorkflowId()
              + "-<time>");
      if (start.getArguments() != null && start.getArguments().getSize() > 0) {
        table.row("rehearsal", rehearsal(start.getArguments().get(0, RehearsalRequest.class)));
      }
    }
    table.row(
        "actions",
        info.getNumActions()
            + " taken, "
            + info.getNumActionsSkippedOverlap()
            + " skipped (one was running), "
            + info.getNumActionsMissedCatchupWindow()
            + " missed (catch-up window)");
    table.row("next", times(info.getNextActionTimes()));
    List<String> running = new ArrayList<>();
    for (ScheduleActionExecution execution : info.getRunningActions()) {
      running.add(workflowId(execution));
    }
    table.row("running", running.isEmpty() ? "none" : String.join(", ", running));
    List<String> recent = new ArrayList<>();
    for (ScheduleActionResult result : info.getRecentActions()) {
      recent.add(
          Times.format(result.getScheduledAt().toString()) + " " + workflowId(result.getAction()));
    }
    table.row("recent", recent.isEmpty() ? "none" : String.join("; ", recent));
    return "Schedule " + description.getId() + "\n" + table.render(INDENT);
  }

  static String state(boolean paused, String note) {
    return (paused ? "PAUSED" : "ACTIVE")
        + (note == null || note.isBlank() ? "" : " (" + note + ")");
  }

  static String when(ScheduleSpec spec) {
    List<String> parts = new ArrayList<>();
    for (String cron : spec.getCronExpressions()) {
      parts.add("cron '" + cron + "' UTC");
    }
    for (ScheduleIntervalSpec interval : spec.getIntervals()) {
      parts.add("every " + interval.getEvery());
    }
    // The server keeps cron expressions as calendars, so describe shows them in cron form again.
    for (ScheduleCalendarSpec calendar : spec.getCalendars()) {
      parts.add("calendar '" + cron(calendar) + "' UTC");
    }
    return parts.isEmpty() ? "never (no cron, interval or calendar)" : String.join("; ", parts);
  }

  /** A calendar as the five fields of a cron expression; a field covering everything is *. */
  static String cron(ScheduleCalendarSpec calendar) {
    return String.join(
        " ",
        field(calendar.getMinutes(), 0, 59, "0"),
        field(calendar.getHour(), 0, 23, "0"),
        field(calendar.getDayOfMonth(), 1, 31, "*"),
        field(calendar.getMonth(), 1, 12, "*"),
        field(calendar.getDayOfWeek(), 0, 6, "*"));
  }

  /** One field; {@code unset} is what Temporal takes an empty list of ranges to mean. */
  private static String field(List<ScheduleRange> ranges, int first, int last, String unset) {
    List<String> parts = new ArrayList<>();
    for (ScheduleRange range : ranges) {
      int end = Math.max(range.getStart(), range.getEnd());
      int step = Math.max(1, range.getStep());
      if (range.getStart() == first && end == last && step == 1) {
        return "*";
      }
      String part = range.getStart() == end ? Integer.toString(end) : range.getStart() + "-" + end;
      parts.add(step == 1 ? part : part + "/" + step);
    }
    return parts.isEmpty() ? unset : String.join(",", parts);
  }

  static String times(List<Instant> times) {
    if (times == null || times.isEmpty()) {
      return "none";
    }
    return String.join(", ", times.stream().limit(3).map(t -> Times.format(t.toString())).toList());
  }

  private static String rehearsal(RehearsalRequest request) {
    return request.app()
        + " to "
        + request.targetRegion()
        + ", hold "
        + request.holdFor()
        + (request.checkEvery() == null ? "" : ", health every " + request.checkEvery())
        + (Boolean.TRUE.equals(request.rotate()) ? ", rotation (stays)" : ", then back")
        + ", requested by "
        + request.requestedBy();
  }

  private static String workflowId(ScheduleActionExecution execution) {
    return execution instanceof ScheduleActionExecutionStartWorkflow started
        ? started.getWorkflowId()
        : String.valueOf(execution);
  }
}
