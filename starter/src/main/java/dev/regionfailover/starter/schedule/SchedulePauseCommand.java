package dev.regionfailover.starter.schedule;

import picocli.CommandLine.Command;

/** {@code schedule pause APP --note TEXT}. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Pauses a rehearsal schedule; a rehearsal already running goes on.")
public final class SchedulePauseCommand extends SchedulePauseState {

  public SchedulePauseCommand() {
    super(true);
  }
}
