package dev.regionfailover.workflows.rehearsal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Rehearses a switchover for real: checks readiness, runs a DRILL failover to the target, holds
 * there while reading the target's health, then fails back with a second DRILL failover (unless
 * rotating), and measures each step, the time to shift traffic, the write unavailability and the
 * RPO. The names here are the public contract typed by Temporal CLI and UI users.
 */
@WorkflowInterface
public interface SwitchoverRehearsalWorkflow {

  String TYPE = "SwitchoverRehearsal";

  @WorkflowMethod(name = TYPE)
  RehearsalResult run(RehearsalRequest request);

  @QueryMethod(
      name = "status",
      description =
          "Where the rehearsal stands: app, regions, phase, each step with its times, the child"
              + " workflow running now, the hold's end and health checks, and the measurements of"
              + " each switchover leg. No arguments.")
  RehearsalStatus status();
}
