package dev.regionfailover.workflows.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.estate.Aurora;
import dev.regionfailover.workflows.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The Aurora section of the report: the old primary rejoined the global cluster as a secondary, the
 * new one is the writer, and the old region's replication lag once it is a secondary.
 */
final class AuroraChecks {

  private final ReconcileState state;
  private final CheckRunner checks;
  private final AuroraActivities aurora;
  private final AuroraActivities oldAurora;

  /**
   * @param aurora calls about the global cluster, with the standard retries
   * @param oldAurora calls into the old region, with a bounded retry budget
   */
  AuroraChecks(
      ReconcileState state,
      CheckRunner checks,
      AuroraActivities aurora,
      AuroraActivities oldAurora) {
    this.state = requireNonNull(state, "state is null");
    this.checks = requireNonNull(checks, "checks is null");
    this.aurora = requireNonNull(aurora, "aurora is null");
    this.oldAurora = requireNonNull(oldAurora, "oldAurora is null");
  }

  void check() {
    Aurora estate = state.estate.aurora();
    String global = estate.globalCluster();
    String oldCluster = estate.cluster(state.oldRegion());
    String newCluster = estate.cluster(state.writer);
    List<Finding> findings = new ArrayList<>();
    AuroraTopology topology =
        checks.check(
            CheckName.AURORA,
            () ->
                aurora.describe(
                    new TopologyRequest(global, List.of(state.writer, state.oldRegion()))),
            t -> "status %s, writer %s".formatted(t.status(), writerOf(t)));
    boolean secondary = false;
    if (topology == null) {
      findings.add(ReconcileFindings.globalClusterUnknown(oldCluster, global, state.lastFailure));
    } else {
      ClusterMember old = topology.member(oldCluster);
      if (old == null) {
        findings.add(
            ReconcileFindings.notAMember(
                oldCluster,
                global,
                topology.members().stream().map(ClusterMember::clusterArn).toList(),
                state.oldRegion()));
      } else if (old.writer()) {
        findings.add(ReconcileFindings.stillTheWriter(oldCluster, global, newCluster));
      } else {
        secondary = true;
        findings.add(ReconcileFindings.rejoined(oldCluster, global));
      }
      findings.add(ReconcileFindings.writer(global, writerOf(topology), newCluster));
    }
    findings.add(secondary ? lag(oldCluster) : notASecondary(oldCluster, global));
    state.addSection("Aurora", findings);
  }

  private Finding lag(String oldCluster) {
    long maxLagSeconds = state.estate.aurora().maxLagSeconds();
    Finding lag =
        checks.check(
            CheckName.LAG,
            () -> oldAurora.lag(new LagRequest(oldCluster, state.oldRegion(), maxLagSeconds)),
            Finding::observed);
    return lag != null
        ? lag
        : ReconcileFindings.lagNotMeasured(oldCluster, state.lastFailure, maxLagSeconds);
  }

  private Finding notASecondary(String oldCluster, String global) {
    checks.skip(CheckName.LAG, "the old primary is not a secondary");
    return ReconcileFindings.lagNotASecondary(
        oldCluster, global, state.estate.aurora().maxLagSeconds());
  }

  private static String writerOf(AuroraTopology topology) {
    ClusterMember writer = topology.writer();
    return writer == null ? "none" : writer.clusterArn();
  }
}
