package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.FailoverCli;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schedule unpause APP --note TEXT}. */
@Command(
    name = "unpause",
    mixinStandardHelpOptions = true,
    description = "Resumes a paused rehearsal schedule; missed times are not made up.")
public final class ScheduleUnpauseCommand implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  @Option(
      names = "--note",
      defaultValue = "unpaused with ./failover schedule unpause",
      paramLabel = "TEXT",
      description = "Why, kept on the schedule (default: ${DEFAULT-VALUE}).")
  private String note;

  @Override
  public Integer call() {
    String id = target.scheduleId();
    target.onHandle(
        handle -> {
          handle.unpause(note);
          return null;
        });
    PrintWriter out = target.command().commandLine().getOut();
    out.printf("Unpaused schedule %s: %s%n", id, note);
    out.flush();
    return FailoverCli.OK;
  }
}
