package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The first check of ASSESS: the request names an app, a target, a known mode and its requester,
 * and the workflow runs under the one id per app. Sets the state's mode.
 */
final class RequestValidation {

  private final FailoverState state;

  RequestValidation(FailoverState state) {
    this.state = requireNonNull(state, "state is null");
  }

  void validate() {
    FailoverRequest request = state.request;
    List<String> problems = new ArrayList<>();
    if (request.app() == null || request.app().isBlank()) {
      problems.add("\"app\" is missing");
    }
    if (request.targetRegion() == null || request.targetRegion().isBlank()) {
      problems.add("\"targetRegion\" is missing");
    }
    state.mode = FailoverMode.parse(request.mode());
    if (state.mode == null) {
      problems.add(
          "\"mode\" is " + request.mode() + ", not one of " + FailoverMode.failoverModes());
    }
    if (state.mode == FailoverMode.RECOVER) {
      problems.add(
          "\"mode\" RECOVER is not a way to fail over; to restore authority after a failover"
              + " stopped, run ./failover recover "
              + request.app());
    }
    if (state.mode == FailoverMode.UNPLANNED
        && Workflow.getVersion(
                RegionFailoverWorkflowImpl.UNPLANNED_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      // Executions started before UNPLANNED existed refused it; their histories replay so.
      problems.add(
          "mode UNPLANNED is not available yet; use PLANNED (Aurora switchover, RPO 0) while the source region answers");
    }
    if (request.requestedBy() == null || request.requestedBy().isBlank()) {
      if (Workflow.getVersion(
              RegionFailoverWorkflowImpl.REQUESTER_CHANGE, Workflow.DEFAULT_VERSION, 1)
          == Workflow.DEFAULT_VERSION) {
        // Executions started before the requester was required ran as "unspecified".
        state.request = request.withRequester("unspecified");
      } else {
        problems.add(
            "\"requestedBy\" is missing; name who asks for the failover, since no one may approve"
                + " their own request");
      }
    }
    String expectedId = FailoverRequest.workflowId(request.app());
    String actualId = Workflow.getInfo().getWorkflowId();
    if (problems.isEmpty() && !actualId.equals(expectedId)) {
      problems.add(
          "workflow id is "
              + actualId
              + " but must be "
              + expectedId
              + ", so that at most one failover of "
              + request.app()
              + " runs at a time");
    }
    if (!problems.isEmpty()) {
      throw state.assessmentFailure(
          "invalid request " + request + ": " + String.join("; ", problems));
    }
  }
}
