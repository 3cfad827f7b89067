package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.FailoverCli;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schedule pause APP --note TEXT}. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Pauses a rehearsal schedule; a rehearsal already running goes on.")
public final class SchedulePauseCommand implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  @Option(
      names = "--note",
      defaultValue = "paused with ./failover schedule pause",
      paramLabel = "TEXT",
      description = "Why, kept on the schedule (default: ${DEFAULT-VALUE}).")
  private String note;

  @Override
  public Integer call() {
    String id = target.scheduleId();
    target.onHandle(
        handle -> {
          handle.pause(note);
          return null;
        });
    PrintWriter out = target.command().commandLine().getOut();
    out.printf("Paused schedule %s: %s%n", id, note);
    out.flush();
    return FailoverCli.OK;
  }
}
