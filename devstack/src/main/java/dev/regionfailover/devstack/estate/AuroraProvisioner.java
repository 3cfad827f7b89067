package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

/**
 * Creates the estate's Aurora global database, its first region's cluster the writer, and publishes
 * the replication lag its clusters report.
 */
final class AuroraProvisioner {

  /** The engine of the emulated global database. */
  private static final String ENGINE = "aurora-postgresql";

  /** The one engine version every emulated cluster runs, so that readiness checks pass. */
  private static final String ENGINE_VERSION = "15.4";

  private static final Logger log = LoggerFactory.getLogger(AuroraProvisioner.class);
  private static final String INSTANCE_CLASS = "db.r6g.large";

  private final EmulatorClients clients;

  AuroraProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** Creates the global cluster and its members, writer first; returns the writer's endpoint. */
  String provision(Estate estate) {
    String globalCluster = estate.aurora().globalCluster();
    List<String> regions = estate.regions();
    RdsClient primaryRds = clients.rds(regions.get(0));
    boolean exists =
        primaryRds.describeGlobalClusters(r -> {}).globalClusters().stream()
            .anyMatch(
                existing -> existing.globalClusterIdentifier().equalsIgnoreCase(globalCluster));
    if (!exists) {
      primaryRds.createGlobalCluster(
          r ->
              r.globalClusterIdentifier(globalCluster)
                  .engine(ENGINE)
                  .engineVersion(ENGINE_VERSION));
    }
    // moto makes the first member of a global cluster its writer, so the primary goes first.
    Map<String, DBCluster> created = new HashMap<>();
    for (String region : regions) {
      String arn = estate.aurora().cluster(region);
      DBCluster cluster = createMemberCluster(region, arn, globalCluster, created.isEmpty());
      if (!cluster.dbClusterArn().equals(arn)) {
        throw new IllegalStateException(
            "estate "
                + estate.app()
                + " names cluster "
                + arn
                + " in "
                + region
                + ", but the emulator created "
                + cluster.dbClusterArn()
                + "; use the emulator's account 123456789012 and the cluster's own region in the"
                + " ARN");
      }
      created.put(region, cluster);
    }
    List<String> versions =
        created.values().stream().map(DBCluster::engineVersion).distinct().toList();
    if (versions.size() != 1) {
      throw new IllegalStateException(
          "the emulator reports different engine versions for the clusters of "
              + globalCluster
              + ": "
              + versions);
    }
    String endpoint = created.get(regions.get(0)).endpoint();
    log.info(
        "Aurora global cluster {} has {} members; writer endpoint {}",
        globalCluster,
        created.size(),
        endpoint);
    return endpoint;
  }

  /**
   * Publishes one {@code AuroraGlobalDBRPOLag} datapoint of {@code lag} for every cluster of the
   * estate, in the cluster's region, timestamped now.
   */
  void publishLag(Estate estate, Duration lag) {
    Instant now = Instant.now();
    estate
        .aurora()
        .clusters()
        .forEach(
            (region, arn) ->
                clients
                    .cloudWatch(region)
                    .putMetricData(
                        r ->
                            r.namespace("AWS/RDS")
                                .metricData(
                                    MetricDatum.builder()
                                        .metricName("AuroraGlobalDBRPOLag")
                                        .dimensions(
                                            Dimension.builder()
                                                .name("DBClusterIdentifier")
                                                .value(clusterId(arn))
                                                .build())
                                        .unit(StandardUnit.MILLISECONDS)
                                        .value((double) lag.toMillis())
                                        .timestamp(now)
                                        .build())));
  }

  /** The identifier of a DB cluster: the last segment of its ARN. */
  private static String clusterId(String clusterArn) {
    return clusterArn.substring(clusterArn.lastIndexOf(':') + 1);
  }

  private DBCluster createMemberCluster(
      String region, String arn, String globalCluster, boolean primary) {
    RdsClient rds = clients.rds(region);
    String id = clusterId(arn);
    Optional<DBCluster> existing = describeCluster(rds, id);
    if (existing.isPresent()) {
      return existing.get();
    }
    rds.createDBCluster(
        r -> {
          r.dbClusterIdentifier(id)
              .engine(ENGINE)
              .engineVersion(ENGINE_VERSION)
              .globalClusterIdentifier(globalCluster);
          // Secondaries of a global database take their credentials from the primary.
          if (primary) {
            r.masterUsername("postgres").masterUserPassword("emulator-only-password");
          }
        });
    rds.createDBInstance(
        r ->
            r.dbInstanceIdentifier(id + "-1")
                .dbClusterIdentifier(id)
                .engine(ENGINE)
                .dbInstanceClass(INSTANCE_CLASS));
    return describeCluster(rds, id)
        .orElseThrow(
            () ->
                new IllegalStateException("the emulator lost DB cluster " + id + " in " + region));
  }

  private static Optional<DBCluster> describeCluster(RdsClient rds, String id) {
    try {
      return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream()
          .findFirst();
    } catch (DbClusterNotFoundException e) {
      return Optional.empty();
    }
  }
}
