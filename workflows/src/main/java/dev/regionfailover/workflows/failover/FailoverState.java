package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.pins.RepinProgress;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What the phases of one failover share: the request, the estate, the steps and findings that
 * status shows, and the saga's compensations. One per workflow execution; every change a phase
 * makes that an operator should see is followed by {@link #publish()}, which also indexes every
 * change of phase as the {@code FailoverPhase} search attribute.
 */
final class FailoverState {

  private static final Logger log = Workflow.getLogger(RegionFailoverWorkflowImpl.class);

  final StepLog steps = new StepLog();
  final ApprovalGate gate = new ApprovalGate();
  final List<Compensation> compensations = new ArrayList<>();
  final List<Finding> findings = new ArrayList<>();
  final List<String> unconfirmedFences = new ArrayList<>();
  final List<String> fencedRegions = new ArrayList<>();
  final FailoverMetrics metrics = new FailoverMetrics();

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

  /** Whether this run upserts search attributes, decided by {@link #index()}. */
  private boolean indexed;

  /** The phase last upserted as {@code FailoverPhase}. */
  private Phase indexedPhase;

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
    Workflow.setCurrentDetails(StatusText.details(status()));
    metrics.observe(this);
    if (indexed && phase != indexedPhase) {
      indexedPhase = phase;
      SearchAttributeUpserts.upsert(Map.of(SearchAttributes.FAILOVER_PHASE, phase.name()));
    }
  }

  /**
   * Indexes the failover by app, mode, target region and phase as it starts, unless its history
   * predates search attributes; from then on {@link #publish()} upserts each new phase.
   */
  void index() {
    indexed = SearchAttributeUpserts.enabled();
    if (!indexed) {
      return;
    }
    FailoverMode requested = FailoverMode.parse(request.mode());
    Map<SearchAttributeKey<String>, String> values = new LinkedHashMap<>();
    values.put(SearchAttributes.FAILOVER_APP, request.app());
    values.put(SearchAttributes.FAILOVER_MODE, requested == null ? null : requested.name());
    values.put(SearchAttributes.FAILOVER_TARGET_REGION, request.targetRegion());
    values.put(SearchAttributes.FAILOVER_PHASE, phase.name());
    SearchAttributeUpserts.upsert(values);
    indexedPhase = phase;
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
