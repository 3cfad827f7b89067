package dev.regionfailover.starter.schedule;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
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
    target.onHandle(
        handle -> {
          handle.trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
          return null;
        });
    PrintWriter out = target.command().commandLine().getOut();
    out.printf(
        "Triggered schedule %s: a rehearsal starts as %s-<time> unless one is still running.%n",
        id, id);
    out.printf("  see it with ./failover schedule describe %s%n", target.selector());
    out.flush();
    return ExitCode.OK;
  }
}
