package dev.regionfailover.starter.schedule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code schedule ...}: Temporal Schedules that run switchover rehearsals. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Manages Temporal Schedules that run switchover rehearsals.",
    subcommands = {
      ScheduleCreateCommand.class,
      ScheduleListCommand.class,
      ScheduleDescribeCommand.class,
      SchedulePauseCommand.class,
      ScheduleUnpauseCommand.class,
      ScheduleTriggerCommand.class,
      ScheduleDeleteCommand.class
    })
public final class ScheduleCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
