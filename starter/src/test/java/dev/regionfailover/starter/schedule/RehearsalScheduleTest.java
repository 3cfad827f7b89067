package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Schedule object a rehearsal schedule becomes: spec, action, policies and state. */
class RehearsalScheduleTest {

  private static final RehearsalRequest REQUEST =
      new RehearsalRequest("orders", "us-west-2", "PT10M", null, null, false, null, "carol");

  private final RehearsalSchedule schedule =
      new RehearsalSchedule(
          "rehearsal-orders",
          REQUEST,
          List.of("0 3 * * 2"),
          List.of(Duration.ofDays(7)),
          Duration.ofMinutes(10),
          true,
          "owned by sre-payments");

  @Test
  void theActionStartsTheRehearsalOnTheContractQueueUnderTheScheduleId() {
    Schedule built = schedule.toSchedule();

    assertThat(built.getAction()).isInstanceOf(ScheduleActionStartWorkflow.class);
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) built.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("SwitchoverRehearsal");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("region-failover");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("rehearsal-orders");
    assertThat(action.getArguments().getSize()).isEqualTo(1);
    assertThat(action.getArguments().get(0, RehearsalRequest.class)).isEqualTo(REQUEST);
    assertThat(action.getOptions().getStaticSummary())
        .isEqualTo(
            "Scheduled rehearsal of orders: switchover to us-west-2, hold PT10M, then back,"
                + " requested by carol");
    assertThat(action.getOptions().getStaticDetails())
        .contains("started by schedule `rehearsal-orders`");
  }

  @Test
  void specPoliciesAndState() {
    Schedule built = schedule.toSchedule();

    assertThat(built.getSpec().getCronExpressions()).containsExactly("0 3 * * 2");
    assertThat(built.getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofDays(7));
    assertThat(built.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(built.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(built.getState().isPaused()).isTrue();
    assertThat(built.getState().getNote()).isEqualTo("owned by sre-payments");
  }

  @Test
  void theEquivalentTemporalCliCommand() {
    assertThat(schedule.temporalCommand())
        .containsExactly(
            "temporal",
            "schedule",
            "create",
            "--schedule-id",
            "rehearsal-orders",
            "--cron",
            "0 3 * * 2",
            "--interval",
            "168h",
            "--overlap-policy",
            "Skip",
            "--catchup-window",
            "10m",
            "--paused",
            "--notes",
            "owned by sre-payments",
            "--workflow-id",
            "rehearsal-orders",
            "--task-queue",
            "region-failover",
            "--type",
            "SwitchoverRehearsal",
            "--input",
            "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"holdFor\":\"PT10M\","
                + "\"rotate\":false,\"requestedBy\":\"carol\"}",
            "--static-summary",
            "Scheduled rehearsal of orders: switchover to us-west-2, hold PT10M, then back,"
                + " requested by carol",
            "--static-details",
            "**SwitchoverRehearsal** of `orders` started by schedule `rehearsal-orders`: readiness,"
                + " a DRILL failover to `us-west-2`, a hold with health checks, and a DRILL failover"
                + " back. See `./failover schedule describe orders`.");
  }

  @Test
  void idsAndDurations() {
    assertThat(RehearsalSchedule.scheduleId("orders", null)).isEqualTo("rehearsal-orders");
    assertThat(RehearsalSchedule.scheduleId("orders", "weekly"))
        .isEqualTo("rehearsal-orders-weekly");
    assertThat(RehearsalSchedule.goDuration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(RehearsalSchedule.goDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(RehearsalSchedule.goDuration(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
    assertThat(RehearsalSchedule.goDuration(Duration.ZERO)).isEqualTo("0s");
  }
}
