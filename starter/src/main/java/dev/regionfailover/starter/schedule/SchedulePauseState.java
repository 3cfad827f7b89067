package dev.regionfailover.starter.schedule;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code schedule pause} and {@code schedule unpause}: one command that sets whether a schedule is
 * paused, under two names. Each subclass gives its name and description.
 */
abstract class SchedulePauseState implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  // The default note names the command that set it, "paused with ./failover schedule pause" or
  // "unpaused with ./failover schedule unpause", as each command's own default once did.
  @Option(
      names = "--note",
      defaultValue = "${COMMAND-NAME}d with ./${COMMAND-FULL-NAME}",
      paramLabel = "TEXT",
      description = "Why, kept on the schedule (default: ${DEFAULT-VALUE}).")
  private String note;

  private final boolean pause;

  SchedulePauseState(boolean pause) {
    this.pause = pause;
  }

  @Override
  public Integer call() {
    String id = target.scheduleId();
    target.onHandle(
        handle -> {
          if (pause) {
            handle.pause(note);
          } else {
            handle.unpause(note);
          }
          return null;
        });
    PrintWriter out = target.command().commandLine().getOut();
    out.printf("%s schedule %s: %s%n", pause ? "Paused" : "Unpaused", id, note);
    out.flush();
    return ExitCode.OK;
  }
}
