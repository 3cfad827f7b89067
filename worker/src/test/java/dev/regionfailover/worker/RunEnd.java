package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;

import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a crash-matrix run ended, in every respect an interrupted run must match its uninterrupted
 * baseline: the outcome, the steps with their states in order, the mutating AWS calls the
 * failover's activities made by region and operation, each ledger copy's epoch and audit records,
 * and the final state of every resource of the estate.
 */
record RunEnd(
    Phase outcome,
    List<String> steps,
    Map<String, Long> mutatingCalls,
    Map<String, String> ledgers,
    Map<String, String> resources) {

  static RunEnd of(
      FailoverResult result, ExecutionTrace trace, EstateState state, List<String> regions) {
    Map<String, String> ledgers = new TreeMap<>();
    for (String region : regions) {
      ledgers.put(
          region,
          "epoch " + state.epoch(region) + ", " + state.auditRecords(region) + " audit records");
    }
    Map<String, String> resources = new TreeMap<>(state.resources());
    // moto names cluster endpoints with a random id, different on every stack: compare the region.
    for (String region : regions) {
      if (state.clusterEndpoint(region).equals(resources.get("writer record"))) {
        resources.put("writer record", "the cluster endpoint in " + region);
      }
    }
    resources.put("entities homed in " + SOURCE, Integer.toString(state.homedIn(TARGET, SOURCE)));
    return new RunEnd(
        result.outcome(),
        result.steps().stream().map(step -> step.name() + " " + step.state()).toList(),
        trace.mutatingCalls(),
        ledgers,
        resources);
  }

  /** How many Aurora promotions (switchovers and failovers) the run requested. */
  long promotions() {
    return mutatingCalls.entrySet().stream()
        .filter(
            e ->
                e.getKey().endsWith(" SwitchoverGlobalCluster")
                    || e.getKey().endsWith(" FailoverGlobalCluster"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** What differs from {@code baseline}, one line each; empty when the runs ended alike. */
  List<String> differences(RunEnd baseline) {
    List<String> differences = new java.util.ArrayList<>();
    if (outcome != baseline.outcome) {
      differences.add("outcome " + outcome + " instead of " + baseline.outcome);
    }
    if (!steps.equals(baseline.steps)) {
      differences.add("steps " + steps + " instead of " + baseline.steps);
    }
    if (!mutatingCalls.equals(baseline.mutatingCalls)) {
      differences.add("mutating calls " + mutatingCalls + " instead of " + baseline.mutatingCalls);
    }
    if (!ledgers.equals(baseline.ledgers)) {
      differences.add("ledgers " + ledgers + " instead of " + baseline.ledgers);
    }
    if (!resources.equals(baseline.resources)) {
      differences.add("resources " + resources + " instead of " + baseline.resources);
    }
    return differences;
  }
}
