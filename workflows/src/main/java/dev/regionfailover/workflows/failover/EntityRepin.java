package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinPlan;
import dev.regionfailover.workflows.pins.RepinRequest;
import dev.regionfailover.workflows.pins.RepinResult;
import dev.regionfailover.workflows.pins.RepinSummary;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/** REPIN: moves every entity pinned to the source to the target, in a child workflow. */
final class EntityRepin {

  private final FailoverState state;
  private final StepRunner runner;
  private final PinActivities pins;

  /**
   * @param pins the single activity that re-pinned before the child workflow existed
   */
  EntityRepin(FailoverState state, StepRunner runner, PinActivities pins) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.pins = requireNonNull(pins, "pins is null");
  }

  void repin() {
    state.enter(Phase.REPIN);
    FailoverRequest request = state.request;
    Estate estate = state.estate;
    String source = state.source;
    if (estate.pins() == null) {
      state.steps.skip("repin entities", Phase.REPIN, "the estate has no pins table");
      return;
    }
    String detail = estate.pins().table() + ": " + source + " -> " + request.targetRegion();
    if (Workflow.getVersion(RegionFailoverWorkflowImpl.REPIN_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      RepinResult result =
          runner.step(
              "repin entities",
              detail,
              () ->
                  pins.repin(
                      new RepinRequest(
                          estate.pins(), request.targetRegion(), source, request.targetRegion())),
              r -> r.moved() + " moved, " + r.retried() + " re-read after a concurrent change");
      state.repinned = result.moved();
      return;
    }
    // A child workflow keeps this history small whatever the table's size; it reports progress
    // back through the repinProgress signal.
    String childId = RepinEntitiesWorkflow.workflowId(request.app());
    RepinEntitiesWorkflow child =
        Workflow.newChildWorkflowStub(
            RepinEntitiesWorkflow.class,
            ChildWorkflowOptions.newBuilder().setWorkflowId(childId).build());
    RepinPlan plan =
        new RepinPlan(
            request.app(),
            estate.pins(),
            request.targetRegion(),
            source,
            request.targetRegion(),
            estate.authority().table(),
            Workflow.getInfo().getWorkflowId());
    RepinSummary summary =
        runner.step(
            "repin entities",
            detail + ", in " + estate.pins().segments() + " segments by workflow " + childId,
            () -> child.run(plan),
            s ->
                s.moved()
                    + " of "
                    + s.total()
                    + " moved, "
                    + s.retried()
                    + " re-read after a concurrent change, in "
                    + s.runs()
                    + " run(s) of "
                    + childId);
    state.repinned = summary.moved();
  }
}
