package dev.regionfailover.starter.monitor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code monitor}: the commands of an app's RegionHealthMonitor workflow. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = "Starts, shows, pauses, resumes or stops the health monitor of an app.",
    subcommands = {
      MonitorStartCommand.class,
      MonitorStatusCommand.class,
      MonitorPauseCommand.class,
      MonitorResumeCommand.class,
      MonitorStopCommand.class
    })
public final class MonitorCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
