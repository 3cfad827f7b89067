package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.StartSummary;
import dev.regionfailover.starter.temporal.WorkflowCalls;
import dev.regionfailover.workflows.evacuation.EvacuationRequest;
import dev.regionfailover.workflows.evacuation.EvacuationStatus;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations of the CLI on RegionEvacuation workflows, with Temporal's exceptions turned into
 * messages that name the region, the workflow and what to do next.
 */
public final class EvacuationClient {

  private final WorkflowCalls calls;

  public EvacuationClient(WorkflowClient client) {
    this.calls = new WorkflowCalls(client);
  }

  /** Starts the evacuation of the request's region; at most one runs per region. */
  public WorkflowExecution start(EvacuationRequest request) {
    String region = request.region();
    return calls.start(
        RegionEvacuationWorkflow.class,
        EvacuationRequest.workflowId(region),
        summary(request),
        stub -> WorkflowClient.start(stub::run, request),
        WorkflowCalls.alreadyRunning(
            "an evacuation of " + region, "see ./failover evacuate status " + region));
  }

  public EvacuationStatus status(String region) {
    try {
      return stub(region).status();
    } catch (WorkflowNotFoundException e) {
      throw new CliFailure(notFound(region));
    } catch (WorkflowException e) {
      throw WorkflowCalls.workerNeeded(
          "read the status of workflow " + EvacuationRequest.workflowId(region), e.getMessage(), e);
    }
  }

  /**
   * Sends a signal, then waits a little for the evacuation to record it; the line it recorded
   * (which says whether it counted), if it did in time.
   */
  public Optional<String> signal(
      String region, String kind, Consumer<RegionEvacuationWorkflow> send) {
    Optional<Integer> before = signalCount(region);
    calls.signal(
        RegionEvacuationWorkflow.class,
        EvacuationRequest.workflowId(region),
        kind,
        send,
        () ->
            WorkflowCalls.notRunning(
                "evacuation of " + region, EvacuationRequest.workflowId(region)));
    if (before.isEmpty()) {
      return Optional.empty();
    }
    return WorkflowCalls.await(
        () ->
            Optional.of(stub(region).status().signals())
                .filter(signals -> signals.size() > before.get())
                .map(signals -> signals.get(signals.size() - 1)));
  }

  /** How many signals the evacuation has recorded, when its status can be read. */
  private Optional<Integer> signalCount(String region) {
    try {
      return Optional.of(stub(region).status().signals().size());
    } catch (RuntimeException e) {
      // Sending tells whether the evacuation runs; without a status there is nothing to wait for.
      return Optional.empty();
    }
  }

  private RegionEvacuationWorkflow stub(String region) {
    return calls.stub(RegionEvacuationWorkflow.class, EvacuationRequest.workflowId(region));
  }

  private static String notFound(String region) {
    return "no evacuation of "
        + region
        + " was found (workflow "
        + EvacuationRequest.workflowId(region)
        + "); start one with ./failover evacuate "
        + region
        + " --mode MODE --by NAME";
  }

  private static StartSummary summary(EvacuationRequest request) {
    return new StartSummary(
        "Evacuation of " + request.region() + ", " + request.mode(),
        "**RegionEvacuation** of `"
            + request.region()
            + "` requested by `"
            + request.requestedBy()
            + "`: every app writing there fails over as `failover-<app>`, in dependency order."
            + "\n\nSignals `hold`, `resume`, `abort` (`{\"by\":\"NAME\",...}`) and, with approval"
            + " ONCE, `approvePromotion`; see `./failover evacuate status "
            + request.region()
            + "`.");
  }
}
