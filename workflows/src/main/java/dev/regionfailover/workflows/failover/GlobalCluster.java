package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import java.util.ArrayList;
import java.util.List;

/** Reads the estate's Aurora global cluster, asking the target region first. */
final class GlobalCluster {

  private final FailoverState state;
  private final AuroraActivities aurora;

  GlobalCluster(FailoverState state, AuroraActivities aurora) {
    this.state = requireNonNull(state, "state is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
  }

  AuroraTopology describe() {
    String target = state.request.targetRegion();
    List<String> regions = new ArrayList<>();
    regions.add(target);
    state.estate.regions().stream().filter(r -> !r.equals(target)).forEach(regions::add);
    return aurora.describe(new TopologyRequest(state.estate.aurora().globalCluster(), regions));
  }
}
