package dev.regionfailover.workflows.aurora;

import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Aurora Global Database: topology, readiness, promotion and replication lag. */
@ActivityInterface(namePrefix = "Aurora")
public interface AuroraActivities {

  AuroraTopology describe(TopologyRequest request);

  /** The cluster endpoint of one member, where its writer takes connections when it writes. */
  String clusterEndpoint(EndpointRequest request);

  /**
   * Checks the target cluster: a member of the global cluster, the same engine version as the
   * source, and replication lag within bounds. Changes nothing.
   */
  List<Finding> checkReadiness(ReadinessRequest request);

  /**
   * Requests the promotion (SwitchoverGlobalCluster, or FailoverGlobalCluster with AllowDataLoss)
   * unless a retry finds it requested or done, then waits, heartbeating, until the target is the
   * writer.
   */
  PromotionResult promote(PromoteRequest request);

  /** Replication lag of one secondary cluster, as a finding against the bound. */
  Finding lag(LagRequest request);

  /** The newest replication lag datapoint of one cluster, for the RPO of an UNPLANNED failover. */
  LagReading measureLag(LagRequest request);
}
