package dev.regionfailover.starter.schedule;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

/** {@code schedule delete APP}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Deletes a rehearsal schedule; a rehearsal it started goes on.")
public final class ScheduleDeleteCommand implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  @Override
  public Integer call() {
    String id = target.scheduleId();
    target.onHandle(
        handle -> {
          handle.delete();
          return null;
        });
    PrintWriter out = target.command().commandLine().getOut();
    out.printf("Deleted schedule %s; a rehearsal it started goes on.%n", id);
    out.flush();
    return ExitCode.OK;
  }
}
