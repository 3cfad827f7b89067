package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.cli.CommandGroup;
import picocli.CommandLine.Command;

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
public final class ScheduleCommand extends CommandGroup {}
