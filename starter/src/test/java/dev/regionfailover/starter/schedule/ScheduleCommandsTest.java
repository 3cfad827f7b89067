package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.TemporalTestService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule commands' argument handling, before any Temporal call, and their answer from a
 * server without the Schedules API (the Java test server).
 */
class ScheduleCommandsTest {

  @Test
  void createNeedsACronOrAnInterval() {
    Run run = create();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("error: say when rehearsals run: give --cron EXPR or --every DURATION (or both)")
        .contains("failover schedule create");
  }

  @Test
  void createRefusesABadCron() {
    Run run = create("--cron", "0 3 * *");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--cron '0 3 * *' is not a cron expression: give five fields");
  }

  @Test
  void createRefusesAnIntervalNoLongerThanTheHold() {
    Run run = create("--every", "PT10M");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--every PT10M is not longer than --hold PT10M: each rehearsal would still be running"
                + " when the next is due");
  }

  @Test
  void createRefusesDurationsThatAreNotIso8601() {
    assertThat(create("--every", "7d").err())
        .contains("--every 7d is not an ISO-8601 duration such as PT10M, PT12H or P7D");
    assertThat(create("--every", "P7D", "--catchup-window", "PT5S").err())
        .contains("--catchup-window PT5S is shorter than PT10S");
  }

  @Test
  void createValidatesTheRehearsalAsTheWorkflowWould() {
    Run run =
        Run.of(
            Run.NO_TEMPORAL,
            "schedule",
            "create",
            "orders",
            "--target",
            "us-west-9",
            "--hold",
            "10m",
            "--cron",
            "@weekly",
            "--requested-by",
            "carol");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--target is us-west-9, not an AWS region")
        .contains("--hold is 10m, not an ISO-8601 duration");
  }

  @Test
  void aScheduleNameMustFitAnId() {
    Run run = Run.of(Run.NO_TEMPORAL, "schedule", "pause", "orders", "--name", "Weekly Drill");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--name Weekly Drill is not a schedule name");
  }

  @Test
  void aMissingSubcommandIsAUsageError() {
    Run run = Run.of(Run.NO_TEMPORAL, "schedule");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "missing command: choose one of create, list, describe, pause, unpause, trigger,"
                + " delete");
  }

  @Test
  void aServerWithoutSchedulesIsNamedAndExplained() {
    try (TemporalTestService temporal = TemporalTestService.withoutSchedules()) {
      for (String[] command :
          List.of(
              new String[] {
                "schedule",
                "create",
                "orders",
                "--target",
                "us-west-2",
                "--hold",
                "PT10M",
                "--cron",
                "0 3 * * 2",
                "--requested-by",
                "carol"
              },
              new String[] {"schedule", "describe", "orders"},
              new String[] {"schedule", "list"})) {
        Run run = temporal.run(command);

        assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(1);
        assertThat(run.err())
            .as(String.join(" ", command))
            .contains("has no Schedules API")
            .contains("install the Temporal CLI");
      }
    }
  }

  private static Run create(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "schedule",
                "create",
                "orders",
                "--target",
                "us-west-2",
                "--hold",
                "PT10M",
                "--requested-by",
                "carol"));
    args.addAll(List.of(more));
    return Run.of(Run.NO_TEMPORAL, args.toArray(String[]::new));
  }
}
