package dev.regionfailover.activities.aurora;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.cloudwatch.Metrics;
import dev.regionfailover.activities.rds.GlobalClusters;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.GlobalCluster;

/**
 * What the Aurora activities read, with failures translated: the global cluster's topology (from
 * whichever region answers), a member cluster, and the newest replication lag.
 */
final class AuroraReads {

  static final String LAG_METRIC = "AuroraGlobalDBRPOLag";

  private static final Logger log = LoggerFactory.getLogger(AuroraReads.class);

  private final GlobalClusters globalClusters;
  private final Metrics metrics;

  AuroraReads(AwsClients clients) {
    requireNonNull(clients, "clients is null");
    this.globalClusters = new GlobalClusters(clients);
    this.metrics = new Metrics(clients);
  }

  /** The global cluster as the first region of the request that answers describes it. */
  AuroraTopology topology(TopologyRequest request) {
    List<String> unanswered = new ArrayList<>();
    boolean unreachable = false;
    for (String region : request.regions()) {
      try {
        Optional<GlobalCluster> found = globalClusters.find(region, request.globalCluster());
        if (found.isPresent()) {
          return topology(found.get());
        }
        unanswered.add(region + ": not found");
      } catch (SdkException e) {
        if (!AwsFailures.isRetryable(e)) {
          throw AwsFailures.translate(
              "DescribeGlobalClusters", "global cluster " + request.globalCluster(), region, e);
        }
        // The region may be the impaired one; another region can describe the global cluster.
        log.warn(
            "DescribeGlobalClusters of {} in {} failed; asking the next region: {}",
            request.globalCluster(),
            region,
            AwsFailures.describe(e));
        unreachable = true;
        unanswered.add(region + ": unreachable (" + AwsFailures.describe(e) + ")");
      }
    }
    String message =
        "no region could describe global cluster "
            + request.globalCluster()
            + ": "
            + String.join("; ", unanswered);
    if (unreachable) {
      throw ApplicationFailure.newFailure(message, "AuroraUnreachable");
    }
    throw ApplicationFailure.newNonRetryableFailure(
        message, AuroraActivitiesImpl.GLOBAL_CLUSTER_NOT_FOUND);
  }

  /** The newest AuroraGlobalDBRPOLag datapoint of the cluster in the last ten minutes. */
  Optional<Datapoint> newestLag(ClusterArn cluster) {
    return AwsFailures.call(
        "GetMetricStatistics",
        LAG_METRIC + " of cluster " + cluster.id(),
        cluster.region(),
        () ->
            metrics.newest(
                cluster.region(),
                "AWS/RDS",
                LAG_METRIC,
                List.of(Metrics.dimension("DBClusterIdentifier", cluster.id()))));
  }

  /**
   * The cluster as DescribeDBClusters reports it in its region, or empty when it does not exist.
   */
  Optional<DBCluster> cluster(ClusterArn arn) {
    return AwsFailures.call(
        "DescribeDBClusters",
        "cluster " + arn.id(),
        arn.region(),
        () -> globalClusters.cluster(arn.region(), arn.id()));
  }

  private static AuroraTopology topology(GlobalCluster cluster) {
    List<ClusterMember> members =
        cluster.globalClusterMembers().stream()
            .map(
                m ->
                    new ClusterMember(
                        m.dbClusterArn(),
                        regionOf(m.dbClusterArn()),
                        Boolean.TRUE.equals(m.isWriter())))
            .toList();
    return new AuroraTopology(cluster.globalClusterIdentifier(), cluster.status(), members);
  }

  private static String regionOf(String arn) {
    String[] parts = arn.split(":");
    return parts.length > 3 ? parts[3] : null;
  }
}
