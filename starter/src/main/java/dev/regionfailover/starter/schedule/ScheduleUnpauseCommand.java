package dev.regionfailover.starter.schedule;

import picocli.CommandLine.Command;

/** {@code schedule unpause APP --note TEXT}. */
@Command(
    name = "unpause",
    mixinStandardHelpOptions = true,
    description = "Resumes a paused rehearsal schedule; missed times are not made up.")
public final class ScheduleUnpauseCommand extends SchedulePauseState {

  public ScheduleUnpauseCommand() {
    super(false);
  }
}
