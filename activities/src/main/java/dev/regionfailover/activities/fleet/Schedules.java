package dev.regionfailover.activities.fleet;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.ScheduleRef;
import dev.regionfailover.workflows.fleet.ScheduleState;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * EventBridge Scheduler schedules. Scheduler has no call that only enables or disables a schedule:
 * UpdateSchedule replaces the whole schedule, and a field it is not given falls back to its
 * default. So a change reads the schedule and sends every field back with only the state changed.
 */
final class Schedules {

  private static final Logger log = LoggerFactory.getLogger(Schedules.class);
  private static final Set<String> BUSY = Set.of("ConflictException");
  private static final String ENABLED = "ENABLED";
  private static final String DISABLED = "DISABLED";

  private final AwsClients clients;

  Schedules(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  List<ScheduleState> read(String region, List<ScheduleRef> refs) {
    List<ScheduleState> states = new ArrayList<>();
    for (ScheduleRef ref : refs) {
      GetScheduleResponse schedule = get(region, ref.group(), ref.name());
      states.add(
          new ScheduleState(ref.group(), ref.name(), ENABLED.equals(schedule.stateAsString())));
    }
    return states;
  }

  /** Enables or disables the schedules whose state differs from {@code current}, by position. */
  void apply(String region, List<ScheduleState> desired, List<ScheduleState> current) {
    for (int i = 0; i < desired.size(); i++) {
      ScheduleState want = desired.get(i);
      if (want.enabled() == current.get(i).enabled()) {
        continue;
      }
      GetScheduleResponse schedule = get(region, want.group(), want.name());
      String state = want.enabled() ? ENABLED : DISABLED;
      UpdateScheduleRequest update = update(schedule, state);
      AwsFailures.call(
          "UpdateSchedule",
          describe(want.group(), want.name()),
          region,
          BUSY,
          () -> clients.scheduler(region).updateSchedule(update));
      log.info(
          "Set {} in {} from {} to {}",
          describe(want.group(), want.name()),
          region,
          schedule.stateAsString(),
          state);
    }
  }

  /**
   * Every field of the schedule as GetSchedule returned it, with the new state. A start date in the
   * past is left out: it has taken effect and cannot change anything any more, and AWS refuses a
   * start date more than five minutes in the past for a recurring schedule.
   */
  private static UpdateScheduleRequest update(GetScheduleResponse schedule, String state) {
    Instant startDate = schedule.startDate();
    return UpdateScheduleRequest.builder()
        .name(schedule.name())
        .groupName(schedule.groupName())
        .scheduleExpression(schedule.scheduleExpression())
        .scheduleExpressionTimezone(schedule.scheduleExpressionTimezone())
        .flexibleTimeWindow(schedule.flexibleTimeWindow())
        .target(schedule.target())
        .description(schedule.description())
        .startDate(startDate != null && startDate.isAfter(Instant.now()) ? startDate : null)
        .endDate(schedule.endDate())
        .kmsKeyArn(schedule.kmsKeyArn())
        .actionAfterCompletion(schedule.actionAfterCompletionAsString())
        .state(state)
        .build();
  }

  private GetScheduleResponse get(String region, String group, String name) {
    return AwsFailures.call(
        "GetSchedule",
        describe(group, name),
        region,
        () -> {
          try {
            return clients.scheduler(region).getSchedule(b -> b.groupName(group).name(name));
          } catch (ResourceNotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                describe(group, name) + " not found in " + region,
                FleetActivitiesImpl.FLEET_RESOURCE_NOT_FOUND);
          }
        });
  }

  private static String describe(String group, String name) {
    return "EventBridge Scheduler schedule " + name + " in group " + group;
  }
}
