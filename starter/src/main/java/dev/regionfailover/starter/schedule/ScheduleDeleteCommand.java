package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
    return target.onHandle(
        handle -> {
          handle.delete();
          return id;
        },
        Report.text("Deleted schedule %s; a rehearsal it started goes on.%n"::formatted));
  }
}
