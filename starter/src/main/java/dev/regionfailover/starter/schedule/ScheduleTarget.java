package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import io.temporal.client.schedules.ScheduleHandle;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The rehearsal schedule a command acts on ({@code rehearsal-APP[-NAME]}) and its Temporal. */
public final class ScheduleTarget extends WorkflowTarget {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Names one of several schedules of APP: the id becomes rehearsal-APP-NAME"
              + " (default rehearsal-APP).")
  private String name;

  public String scheduleId() {
    if (name != null && !NAME.matcher(name).matches()) {
      throw new ParameterException(
          command().commandLine(),
          "--name "
              + name
              + " is not a schedule name: lower-case letters, digits and dashes, at most 41");
    }
    return RehearsalSchedule.scheduleId(app(), name);
  }

  /** How later commands name this schedule: {@code APP} or {@code APP --name NAME}. */
  String selector() {
    scheduleId();
    return name == null ? app() : app() + " --name " + name;
  }

  /** Runs {@code action} on the schedule's handle, then prints what came of it. */
  <T> int onHandle(Function<ScheduleHandle, T> action, Report<T> report) {
    return report(onHandle(action), report);
  }

  /** Runs {@code action} on the schedule's handle. */
  <T> T onHandle(Function<ScheduleHandle, T> action) {
    String id = scheduleId();
    return Schedules.call(command(), temporal(), id, client -> action.apply(client.getHandle(id)));
  }
}
