package dev.regionfailover.starter.schedule;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one operation on Temporal's Schedules API and turns its failures into messages that name the
 * schedule and what to do next.
 */
final class Schedules {

  private Schedules() {}

  static <T> T call(
      CommandSpec spec,
      TemporalOptions temporal,
      String scheduleId,
      Function<ScheduleClient, T> action) {
    try (TemporalConnection connection = temporal.connect(spec)) {
      WorkflowClient client = connection.client();
      String namespace = client.getOptions().getNamespace();
      ScheduleClient schedules =
          ScheduleClient.newInstance(
              client.getWorkflowServiceStubs(),
              ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
      try {
        return action.apply(schedules);
      } catch (ScheduleAlreadyRunningException e) {
        throw new CliFailure(
            "schedule "
                + scheduleId
                + " already exists in namespace "
                + namespace
                + ": see it with ./failover schedule describe, or delete it first");
      } catch (RuntimeException e) {
        throw explain(e, scheduleId, namespace, temporal.address());
      }
    }
  }

  private static RuntimeException explain(
      RuntimeException e, String scheduleId, String namespace, String address) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof StatusRuntimeException)) {
      cause = cause.getCause();
    }
    if (!(cause instanceof StatusRuntimeException grpc)) {
      return e;
    }
    Status.Code code = grpc.getStatus().getCode();
    if (code == Status.Code.NOT_FOUND && scheduleId != null) {
      return new CliFailure(
          "no schedule "
              + scheduleId
              + " in namespace "
              + namespace
              + ": list them with ./failover schedule list, create one with ./failover schedule"
              + " create",
          e);
    }
    if (code == Status.Code.UNIMPLEMENTED) {
      return new CliFailure(
          "the Temporal server at "
              + address
              + " has no Schedules API. The Java test server (what ./failover dev runs when no"
              + " temporal CLI is installed) lacks it: install the Temporal CLI and run ./failover"
              + " dev again, or point --temporal-address at a real Temporal server",
          e);
    }
    return new CliFailure(
        "Temporal refused the schedule operation"
            + (scheduleId == null ? "" : " on " + scheduleId)
            + ": "
            + code
            + " "
            + grpc.getStatus().getDescription(),
        e);
  }
}
