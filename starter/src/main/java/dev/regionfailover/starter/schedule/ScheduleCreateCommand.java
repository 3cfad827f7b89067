package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.rehearsal.RehearsalOptions;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code schedule create APP --target R --hold D (--cron EXPR | --every D)}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Creates a schedule of switchover rehearsals of APP (overlap policy SKIP: a rehearsal"
            + " still running when the next is due makes the schedule skip that one).")
public final class ScheduleCreateCommand implements Callable<Integer> {

  /** Temporal does not accept a shorter catch-up window. */
  static final Duration MIN_CATCHUP_WINDOW = Duration.ofSeconds(10);

  private static final Set<String> CRON_MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  @Mixin private ScheduleTarget target;

  @Mixin private RehearsalOptions rehearsal;

  @Option(
      names = "--cron",
      paramLabel = "EXPR",
      description =
          "When, as a cron expression in UTC: minute hour day-of-month month day-of-week, such as"
              + " '0 3 * * 2' (Tuesdays 03:00). Repeatable.")
  private List<String> crons = new ArrayList<>();

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      description = "When, as an interval, ISO-8601 (P7D, PT12H). Repeatable.")
  private List<String> intervals = new ArrayList<>();

  @Option(
      names = "--catchup-window",
      defaultValue = "PT10M",
      paramLabel = "DURATION",
      description =
          "How late a start missed while Temporal was down may still happen (default"
              + " ${DEFAULT-VALUE}); older ones are skipped.")
  private String catchupWindow;

  @Option(names = "--paused", description = "Create the schedule paused.")
  private boolean paused;

  @Option(
      names = "--note",
      defaultValue = "",
      paramLabel = "TEXT",
      description = "A note kept on the schedule, such as who owns it.")
  private String note;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String scheduleId = target.scheduleId();
    RehearsalRequest request = rehearsal.request(spec, target.app());
    RehearsalSchedule schedule =
        new RehearsalSchedule(
            scheduleId,
            request,
            crons(spec),
            intervals(spec, request),
            duration(spec, "--catchup-window", catchupWindow),
            paused,
            note.strip());
    if (schedule.catchupWindow().compareTo(MIN_CATCHUP_WINDOW) < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--catchup-window " + catchupWindow + " is shorter than " + MIN_CATCHUP_WINDOW);
    }
    ScheduleDescription created =
        Schedules.call(
            spec,
            target.temporal(),
            scheduleId,
            client ->
                client
                    .createSchedule(
                        scheduleId, schedule.toSchedule(), ScheduleOptions.newBuilder().build())
                    .describe());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Created schedule %s%s.%n", scheduleId, paused ? " (paused)" : "");
    out.print(ScheduleRenderer.describe(created));
    out.println();
    out.println("Next:");
    out.printf(
        "  %-55s %s%n", "./failover schedule trigger " + target.selector(), "run a rehearsal now");
    out.printf(
        "  %-55s %s%n",
        "./failover schedule " + (paused ? "unpause " : "pause ") + target.selector(),
        paused ? "start the schedule" : "stop it for a while");
    out.flush();
    return ExitCode.OK;
  }

  private List<String> crons(CommandSpec spec) {
    if (crons.isEmpty() && intervals.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "say when rehearsals run: give --cron EXPR or --every DURATION (or both)");
    }
    List<String> valid = new ArrayList<>();
    for (String cron : crons) {
      String expression = cron.strip();
      if (!CRON_MACROS.contains(expression) && expression.split("\\s+").length != 5) {
        throw new ParameterException(
            spec.commandLine(),
            "--cron '"
                + cron
                + "' is not a cron expression: give five fields (minute hour day-of-month month"
                + " day-of-week, in UTC) such as '0 3 * * 2', or one of "
                + CRON_MACROS.stream().sorted().toList());
      }
      valid.add(expression);
    }
    return valid;
  }

  private List<Duration> intervals(CommandSpec spec, RehearsalRequest request) {
    Duration hold = Duration.parse(request.holdFor().strip());
    List<Duration> valid = new ArrayList<>();
    for (String text : intervals) {
      Duration every = duration(spec, "--every", text);
      if (every.compareTo(hold) <= 0) {
        throw new ParameterException(
            spec.commandLine(),
            "--every "
                + text
                + " is not longer than --hold "
                + request.holdFor()
                + ": each rehearsal would still be running when the next is due");
      }
      valid.add(every);
    }
    return valid;
  }

  private static Duration duration(CommandSpec spec, String option, String text) {
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          option + " " + text + " is not an ISO-8601 duration such as PT10M, PT12H or P7D");
    }
  }
}
