package dev.regionfailover.starter.schedule;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
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
    String text = target.onHandle(handle -> ScheduleRenderer.describe(handle.describe()));
    PrintWriter out = target.command().commandLine().getOut();
    out.print(text);
    out.flush();
    return ExitCode.OK;
  }
}
