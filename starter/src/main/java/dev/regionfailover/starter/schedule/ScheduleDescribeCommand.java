package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schedule describe APP}: the schedule, its policies and what it ran. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Shows a rehearsal schedule: when it runs, its policies, and what it started.")
public final class ScheduleDescribeCommand implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  @Override
  public Integer call() {
    return target.onHandle(
        handle -> ScheduleRenderer.describe(handle.describe()), Report.text(text -> text));
  }
}
