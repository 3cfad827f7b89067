package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.pins.RepinProgress;
import dev.regionfailover.workflows.readiness.Finding;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * What the phases of one failover share: the request, the estate, the steps and findings that
 * status shows, and the saga's compensations. One per workflow execution; every change a phase
 * makes that an operator should see is followed by {@link #publish()}.
 */
final class FailoverState {

  private static final Logger log = Workflow.getLogger(RegionFailoverWorkflowImpl.class);

  final StepLog steps = new StepLog();
  final ApprovalGate gate = new ApprovalGate();
  final List<Compensation> compensations = new ArrayList<>();
  final List<Finding> findings = new ArrayList<>();
  final List<String> unconfirmedFences = new ArrayList<>();
  final List<String> fencedRegions = new ArrayList<>();

  FailoverRequest request;
  FailoverMode mode;
  Estate estate;
  String source;
  Phase phase = Phase.ASSESS;
  AuthorityRecord authority;
  WaitingFor waitingFor;
  RpoEstimate rpo;
  long repinned;
  RepinProgress repinProgress;
  String outcome;
  AbortSignal abortRequest;
  boolean promotionStarted;
  boolean awaitingFenceConfirmation;
  String fenceConfirmedBy;
  FleetCapacity sourceFleet;
  long startedAtMillis;

  FailoverStatus status() {
    return new FailoverStatus(
        request == null ? null : request.app(),
        mode,
        source,
        request == null ? null : request.targetRegion(),
        request == null ? null : request.requestedBy(),
        request == null ? null : request.reason(),
        phase,
        steps.all(),
        waitingFor,
        List.copyOf(unconfirmedFences),
        gate.records(),
        authority,
        rpo,
        repinned,
        List.copyOf(findings),
        outcome,
        repinProgress);
  }

  void publish() {
    Workflow.setCurrentDetails(StatusText.render(status()));
  }

  void enter(Phase next) {
    phase = next;
    log.info("failover of {}: phase {}", request.app(), next);
    publish();
  }

  void checkAbort() {
    if (abortRequest != null) {
      throw new Interruption(
          "aborted by " + abortRequest.by() + " during " + phase + ": " + abortRequest.reason());
    }
  }

  ApplicationFailure assessmentFailure(String message) {
    phase = Phase.FAILED;
    outcome = message;
    publish();
    return ApplicationFailure.newNonRetryableFailure(message, "AssessmentFailed");
  }

  boolean dataLossAllowed() {
    return mode == FailoverMode.UNPLANNED;
  }

  boolean isFinal() {
    return phase == Phase.COMPLETED || phase == Phase.ABORTED || phase == Phase.FAILED;
  }

  /** The phase of the last step that started, which is where a failure happened. */
  Phase lastPhase() {
    List<StepStatus> all = steps.all();
    return all.isEmpty() ? phase : all.get(all.size() - 1).phase();
  }
}
