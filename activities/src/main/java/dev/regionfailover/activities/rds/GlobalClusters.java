package dev.regionfailover.activities.rds;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;

/**
 * Aurora global clusters and their member clusters through the RDS API of one region. Failures are
 * the SDK's own: the Aurora activities ask the next region when one cannot answer, detection calls
 * such a region impaired.
 */
public final class GlobalClusters {

  private final AwsClients clients;

  public GlobalClusters(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The global cluster as {@code region} describes it, or empty when it knows none by the id. */
  public Optional<GlobalCluster> find(String region, String globalCluster) {
    return AwsFailures.unlessMissing(
            GlobalClusterNotFoundException.class::isInstance,
            () ->
                clients
                    .rds(region)
                    .describeGlobalClusters(b -> b.globalClusterIdentifier(globalCluster))
                    .globalClusters())
        .flatMap(found -> found.stream().findFirst());
  }

  /** The member cluster {@code id} in {@code region}, or empty when it does not exist. */
  public Optional<DBCluster> cluster(String region, String id) {
    return AwsFailures.unlessMissing(
            DbClusterNotFoundException.class::isInstance,
            () ->
                clients.rds(region).describeDBClusters(b -> b.dbClusterIdentifier(id)).dbClusters())
        .flatMap(found -> found.stream().findFirst());
  }

  /** Requests a switchover (RPO 0) of the global cluster to the target member. */
  public void switchover(String region, String globalCluster, String targetArn) {
    clients
        .rds(region)
        .switchoverGlobalCluster(
            b -> b.globalClusterIdentifier(globalCluster).targetDbClusterIdentifier(targetArn));
  }

  /** Requests a failover that may lose the writes the old primary had not replicated. */
  public void failover(String region, String globalCluster, String targetArn) {
    clients
        .rds(region)
        .failoverGlobalCluster(
            b ->
                b.globalClusterIdentifier(globalCluster)
                    .targetDbClusterIdentifier(targetArn)
                    .allowDataLoss(true));
  }
}
