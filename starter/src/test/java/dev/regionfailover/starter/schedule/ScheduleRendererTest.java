package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code schedule describe} prints, from a description as the server returns it. */
class ScheduleRendererTest {

  @Test
  void describesStateTimesPolicyRehearsalAndRuns() {
    RehearsalSchedule schedule =
        new RehearsalSchedule(
            "rehearsal-orders",
            new RehearsalRequest("orders", "us-west-2", "PT10M", "PT2M", null, true, null, "carol"),
            List.of(),
            List.of(Duration.ofDays(7)),
            Duration.ofMinutes(10),
            false,
            "");
    // The server returns a cron expression such as '0 3 * * 2' as a calendar.
    ScheduleSpec asStored =
        ScheduleSpec.newBuilder(schedule.toSchedule().getSpec())
            .setCalendars(
                List.of(
                    ScheduleCalendarSpec.newBuilder()
                        .setSeconds(List.of(new ScheduleRange(0)))
                        .setMinutes(List.of(new ScheduleRange(0)))
                        .setHour(List.of(new ScheduleRange(3)))
                        .setDayOfMonth(List.of(new ScheduleRange(1, 31)))
                        .setMonth(List.of(new ScheduleRange(1, 12)))
                        .setDayOfWeek(List.of(new ScheduleRange(2)))
                        .build()))
            .build();
    ScheduleDescription description =
        new ScheduleDescription(
            "rehearsal-orders",
            new ScheduleInfo(
                3,
                0,
                1,
                List.of(
                    new ScheduleActionExecutionStartWorkflow(
                        "rehearsal-orders-2026-01-13T03:00:00Z", "run-3")),
                List.of(
                    new ScheduleActionResult(
                        Instant.parse("2026-01-06T03:00:00Z"),
                        Instant.parse("2026-01-06T03:00:01Z"),
                        new ScheduleActionExecutionStartWorkflow(
                            "rehearsal-orders-2026-01-06T03:00:00Z", "run-2"))),
                List.of(Instant.parse("2026-01-20T03:00:00Z")),
                Instant.parse("2025-12-01T10:00:00Z"),
                null),
            Schedule.newBuilder(schedule.toSchedule()).setSpec(asStored).build(),
            Map.of(),
            null,
            Map.of(),
            DefaultDataConverter.STANDARD_INSTANCE);

    assertThat(ScheduleRenderer.describe(description))
        .isEqualTo(
            """
            Schedule rehearsal-orders
              state      ACTIVE
              when       every PT168H; calendar '0 3 * * 2' UTC
              policy     overlap SKIP, catch-up window PT10M
              starts     SwitchoverRehearsal on region-failover as rehearsal-orders-<time>
              rehearsal  orders to us-west-2, hold PT10M, health every PT2M, rotation (stays), \
            requested by carol
              actions    3 taken, 1 skipped (one was running), 0 missed (catch-up window)
              next       2026-01-20 03:00:00Z
              running    rehearsal-orders-2026-01-13T03:00:00Z
              recent     2026-01-06 03:00:00Z rehearsal-orders-2026-01-06T03:00:00Z
            """);
  }

  @Test
  void calendarsWithRangesAndSteps() {
    ScheduleCalendarSpec calendar =
        ScheduleCalendarSpec.newBuilder()
            .setMinutes(List.of(new ScheduleRange(0, 59, 15)))
            .setHour(List.of(new ScheduleRange(1, 5)))
            .setDayOfMonth(List.of(new ScheduleRange(1), new ScheduleRange(15)))
            .build();

    assertThat(ScheduleRenderer.cron(calendar)).isEqualTo("0-59/15 1-5 1,15 * *");
  }
}
