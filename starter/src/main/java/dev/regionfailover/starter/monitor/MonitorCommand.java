package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.CommandGroup;
import picocli.CommandLine.Command;

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
public final class MonitorCommand extends CommandGroup {}
