package dev.regionfailover.workflows.pins;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves every entity pinned to one region to another, in parallel segments, as a child of the
 * failover. Its own history is kept small by continue-as-new, so the size of the table does not
 * matter; the failover it works for hears its progress through the {@value #PROGRESS_SIGNAL}
 * signal.
 */
@WorkflowInterface
public interface RepinEntitiesWorkflow {

  String TYPE = "RepinEntities";

  /** The signal sent to {@link RepinPlan#progressWorkflowId()} as the re-pin advances. */
  String PROGRESS_SIGNAL = "repinProgress";

  static String workflowId(String app) {
    return "repin-" + app;
  }

  @WorkflowMethod(name = TYPE)
  RepinSummary run(RepinPlan plan);

  @QueryMethod(
      name = "progress",
      description =
          "How far the re-pin is: entities total, moved, remaining, rate per second, ETA,"
              + " retried writes and segments done. No arguments.")
  RepinProgress progress();
}
