package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.cli.TemporalOptions;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import dev.regionfailover.workflows.render.TextTable;
import io.temporal.client.schedules.ScheduleListActionStartWorkflow;
import io.temporal.client.schedules.ScheduleListDescription;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schedule list}: every schedule that starts SwitchoverRehearsal workflows. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the schedules that run switchover rehearsals.")
public final class ScheduleListCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private TemporalOptions temporal;

  @Override
  public Integer call() {
    List<ScheduleListDescription> schedules =
        Schedules.call(
            spec,
            temporal,
            null,
            client ->
                client
                    .listSchedules()
                    .filter(ScheduleListCommand::startsRehearsals)
                    .sorted(Comparator.comparing(ScheduleListDescription::getScheduleId))
                    .toList());
    PrintWriter out = spec.commandLine().getOut();
    if (schedules.isEmpty()) {
      out.println(
          "No rehearsal schedules. Create one with ./failover schedule create APP --target REGION"
              + " --hold DURATION --cron EXPR");
      out.flush();
      return ExitCode.OK;
    }
    TextTable table = new TextTable(4).row("SCHEDULE", "STATE", "NEXT", "WHEN");
    for (ScheduleListDescription schedule : schedules) {
      table.row(
          schedule.getScheduleId(),
          ScheduleRenderer.state(
              schedule.getSchedule().getState().isPaused(),
              schedule.getSchedule().getState().getNote()),
          ScheduleRenderer.times(
              schedule.getInfo().getNextActionTimes().stream().limit(1).toList()),
          ScheduleRenderer.when(schedule.getSchedule().getSpec()));
    }
    out.print(table.render(""));
    out.flush();
    return ExitCode.OK;
  }

  private static boolean startsRehearsals(ScheduleListDescription schedule) {
    return schedule.getSchedule().getAction() instanceof ScheduleListActionStartWorkflow start
        && SwitchoverRehearsalWorkflow.TYPE.equals(start.getWorkflow());
  }
}
