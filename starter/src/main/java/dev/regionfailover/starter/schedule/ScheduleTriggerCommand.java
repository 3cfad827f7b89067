package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schedule trigger APP}: one rehearsal now, under the schedule's overlap policy. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description =
        "Starts one rehearsal of a schedule now, even if it is paused; skipped if one is running.")
public final class ScheduleTriggerCommand implements Callable<Integer> {

  @Mixin private ScheduleTarget target;

  @Override
  public Integer call() {
    String id = target.scheduleId();
    return target.onHandle(
        handle -> {
          handle.trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
          return id;
        },
        Report.text(
            triggered ->
                ("Triggered schedule %s: a rehearsal starts as %s-<time> unless one is still"
                        + " running.%n  see it with ./failover schedule describe %s%n")
                    .formatted(triggered, triggered, target.selector())));
  }
}
