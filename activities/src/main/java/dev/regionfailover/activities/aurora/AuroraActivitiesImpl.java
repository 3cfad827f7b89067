package dev.regionfailover.activities.aurora;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.EndpointRequest;
import dev.regionfailover.workflows.aurora.LagReading;
import dev.regionfailover.workflows.aurora.LagRequest;
import dev.regionfailover.workflows.aurora.PromoteRequest;
import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.estate.Aurora;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidGlobalClusterStateException;

/** Aurora Global Database through the RDS and CloudWatch APIs of each region. */
public final class AuroraActivitiesImpl implements AuroraActivities {

  /** Failure type when no region knows the global cluster. */
  public static final String GLOBAL_CLUSTER_NOT_FOUND = "GlobalClusterNotFound";

  /**
   * Failure type for a request that can never succeed, such as a cluster outside the global one.
   */
  public static final String INVALID_REQUEST = "InvalidAuroraRequest";

  static final String CHECK_MEMBERSHIP = "aurora-membership";
  static final String CHECK_WRITER = "aurora-not-already-writer";
  static final String CHECK_CLUSTER = "aurora-cluster-exists";
  static final String CHECK_ENGINE_VERSION = "aurora-engine-version";
  static final String CHECK_INSTANCES = "aurora-instances";
  static final String CHECK_LAG = "aurora-replication-lag";

  private static final Logger log = LoggerFactory.getLogger(AuroraActivitiesImpl.class);
  private static final String AVAILABLE = "available";
  private static final String LAG_METRIC = "AuroraGlobalDBRPOLag";
  private static final Duration LAG_WINDOW = Duration.ofMinutes(10);

  private final AwsClients clients;
  private final Duration pollInterval;

  @Inject
  public AuroraActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(2));
  }

  /**
   * @param pollInterval how long {@link #promote} waits between looks at the global cluster
   */
  public AuroraActivitiesImpl(AwsClients clients, Duration pollInterval) {
    this.clients = requireNonNull(clients, "clients is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  @Override
  public AuroraTopology describe(TopologyRequest request) {
    List<String> unanswered = new ArrayList<>();
    boolean unreachable = false;
    for (String region : request.regions()) {
      try {
        List<GlobalCluster> found =
            clients
                .rds(region)
                .describeGlobalClusters(b -> b.globalClusterIdentifier(request.globalCluster()))
                .globalClusters();
        if (!found.isEmpty()) {
          return topology(found.get(0));
        }
        unanswered.add(region + ": not found");
      } catch (GlobalClusterNotFoundException e) {
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
    throw ApplicationFailure.newNonRetryableFailure(message, GLOBAL_CLUSTER_NOT_FOUND);
  }

  @Override
  public List<Finding> checkReadiness(ReadinessRequest request) {
    Aurora aurora = request.aurora();
    ClusterArn target = clusterOf(aurora, request.targetRegion());
    ClusterArn source = clusterOf(aurora, request.sourceRegion());
    String global = aurora.globalCluster();
    List<Finding> findings = new ArrayList<>();

    AuroraTopology topology =
        describe(
            new TopologyRequest(global, List.of(request.targetRegion(), request.sourceRegion())));
    List<String> members = topology.members().stream().map(ClusterMember::clusterArn).toList();
    String expectedMember = "a member of " + global;
    findings.add(
        topology.isMember(target.arn())
            ? Finding.pass(CHECK_MEMBERSHIP, target.arn(), expectedMember, expectedMember)
            : Finding.fail(
                CHECK_MEMBERSHIP,
                target.arn(),
                "not a member; members are " + members,
                expectedMember));
    ClusterMember writer = topology.writer();
    String writerArn = writer == null ? "none" : writer.clusterArn();
    findings.add(
        target.arn().equals(writerArn)
            ? Finding.fail(
                CHECK_WRITER, target.arn(), "already the writer of " + global, "a secondary")
            : Finding.pass(
                CHECK_WRITER,
                target.arn(),
                "a secondary; the writer is " + writerArn,
                "a secondary"));

    Optional<DBCluster> targetCluster = cluster(target);
    if (targetCluster.isEmpty()) {
      findings.add(
          Finding.fail(
              CHECK_CLUSTER,
              target.arn(),
              "no cluster " + target.id() + " in " + target.region(),
              "the cluster exists"));
    } else {
      findings.add(engineVersion(source, target, targetCluster.get(), request.dataLossAllowed()));
      int instances = targetCluster.get().dbClusterMembers().size();
      String expected = "at least 1 instance";
      findings.add(
          instances == 0
              ? Finding.fail(
                  CHECK_INSTANCES, target.arn(), "0 instances (a headless cluster)", expected)
              : Finding.pass(CHECK_INSTANCES, target.arn(), instances + " instances", expected));
    }
    findings.add(lagFinding(target, aurora.maxLagSeconds(), request.dataLossAllowed()));
    findings.forEach(f -> log.info("Readiness of {}: {}", global, f.describe()));
    return findings;
  }

  @Override
  public Finding lag(LagRequest request) {
    return lagFinding(clusterIn(request), request.maxLagSeconds(), false);
  }

  @Override
  public LagReading measureLag(LagRequest request) {
    ClusterArn cluster = clusterIn(request);
    Optional<Datapoint> latest = newestLag(cluster);
    LagReading reading =
        new LagReading(
            cluster.arn(),
            latest.map(Datapoint::maximum).orElse(null),
            latest.map(d -> d.timestamp().toString()).orElse(null));
    log.info("Newest {} of {}: {}", LAG_METRIC, cluster.arn(), reading);
    return reading;
  }

  private static ClusterArn clusterIn(LagRequest request) {
    ClusterArn cluster = ClusterArn.parse(request.clusterArn());
    return new ClusterArn(cluster.arn(), request.region(), cluster.id());
  }

  @Override
  public String clusterEndpoint(EndpointRequest request) {
    ClusterArn parsed = ClusterArn.parse(request.clusterArn());
    ClusterArn cluster = new ClusterArn(parsed.arn(), request.region(), parsed.id());
    return cluster(cluster)
        .map(DBCluster::endpoint)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    cluster.arn()
                        + " is not found by DescribeDBClusters in "
                        + request.region()
                        + "; check the cluster ARN in the estate's aurora.clusters",
                    INVALID_REQUEST));
  }

  @Override
  public PromotionResult promote(PromoteRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ClusterArn target = ClusterArn.parse(request.targetClusterArn());
    TopologyRequest describe =
        new TopologyRequest(request.globalCluster(), List.of(request.targetRegion()));
    PromotionProgress earlier =
        context
            .getHeartbeatDetails(PromotionProgress.class)
            .orElse(new PromotionProgress(false, null, null, null));

    AuroraTopology topology = describe(describe);
    if (!topology.isMember(target.arn())) {
      throw ApplicationFailure.newNonRetryableFailure(
          target.arn()
              + " is not a member of global cluster "
              + request.globalCluster()
              + " (members: "
              + topology.members().stream().map(ClusterMember::clusterArn).toList()
              + ")",
          INVALID_REQUEST);
    }
    boolean issued = false;
    String requestedAt = earlier.requestedAt();
    if (isWriter(topology, target)) {
      log.info("{} is already the writer of {}", target.arn(), request.globalCluster());
    } else if (topology.changingWriter()) {
      log.info(
          "Global cluster {} is already {}; waiting without requesting again",
          request.globalCluster(),
          topology.status());
    } else {
      issued = request.allowDataLoss() ? failover(request, target) : switchover(request, target);
      requestedAt = issued ? Instant.now().toString() : requestedAt;
    }
    boolean requested = issued || earlier.requested();
    while (!isWriter(topology, target)) {
      sleep();
      topology = describe(describe);
      context.heartbeat(
          new PromotionProgress(
              requested,
              requestedAt,
              topology.status(),
              topology.writer() == null ? null : topology.writer().clusterArn()));
      if (!isWriter(topology, target) && !topology.changingWriter()) {
        // A retry requests the promotion again; if AWS is still working on it, the repeated
        // request is refused and the retry waits.
        throw ApplicationFailure.newFailure(
            "the promotion of "
                + target.arn()
                + " in global cluster "
                + request.globalCluster()
                + " has not taken effect: status "
                + topology.status()
                + ", writer "
                + (topology.writer() == null ? "none" : topology.writer().clusterArn()),
            "PromotionNotTakenEffect");
      }
    }
    String endpoint =
        cluster(target)
            .map(DBCluster::endpoint)
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        "the new writer " + target.arn() + " is not found by DescribeDBClusters",
                        "PromotionNotTakenEffect"));
    log.info(
        "{} is the writer of {} at {} (promotion requested by this attempt: {})",
        target.arn(),
        request.globalCluster(),
        endpoint,
        issued);
    return new PromotionResult(target.arn(), endpoint, issued);
  }

  /** Requests the switchover (RPO 0); false when AWS says the global cluster is changing. */
  private boolean switchover(PromoteRequest request, ClusterArn target) {
    return request(
        "SwitchoverGlobalCluster",
        request,
        target,
        () ->
            clients
                .rds(request.targetRegion())
                .switchoverGlobalCluster(
                    b ->
                        b.globalClusterIdentifier(request.globalCluster())
                            .targetDbClusterIdentifier(target.arn())));
  }

  /**
   * Requests a failover that may lose the writes the old primary had not replicated: the only
   * promotion that works when the old primary's region is down. False when AWS says the global
   * cluster is changing.
   */
  private boolean failover(PromoteRequest request, ClusterArn target) {
    return request(
        "FailoverGlobalCluster",
        request,
        target,
        () ->
            clients
                .rds(request.targetRegion())
                .failoverGlobalCluster(
                    b ->
                        b.globalClusterIdentifier(request.globalCluster())
                            .targetDbClusterIdentifier(target.arn())
                            .allowDataLoss(true)));
  }

  private boolean request(
      String operation, PromoteRequest request, ClusterArn target, Runnable call) {
    return AwsFailures.call(
        operation,
        "global cluster " + request.globalCluster() + " to " + target.arn(),
        request.targetRegion(),
        () -> {
          try {
            call.run();
            log.info("Requested {} of {} to {}", operation, request.globalCluster(), target.arn());
            return true;
          } catch (InvalidGlobalClusterStateException e) {
            log.info(
                "Global cluster {} refused {} because it is changing; waiting: {}",
                request.globalCluster(),
                operation,
                AwsFailures.describe(e));
            return false;
          }
        });
  }

  private Finding engineVersion(
      ClusterArn source, ClusterArn target, DBCluster targetCluster, boolean dataLossAllowed) {
    String resource = "source " + source.id() + " vs target " + target.id();
    String expected = "the same engine version";
    Optional<DBCluster> sourceCluster;
    try {
      sourceCluster = cluster(source);
    } catch (SdkException e) {
      if (!AwsFailures.isUnreachable(e)) {
        throw e;
      }
      // An impaired source region is what unplanned failovers are for: with data loss allowed it
      // is reported, not a reason to stop. A planned failover needs the source.
      String observed = "source unreachable in " + source.region() + ": " + AwsFailures.describe(e);
      return dataLossAllowed
          ? Finding.warn(CHECK_ENGINE_VERSION, resource, observed, expected)
          : Finding.fail(CHECK_ENGINE_VERSION, resource, observed, expected);
    }
    if (sourceCluster.isEmpty()) {
      return Finding.fail(
          CHECK_ENGINE_VERSION,
          resource,
          "no source cluster " + source.id() + " in " + source.region(),
          expected);
    }
    String observed = sourceCluster.get().engineVersion() + " vs " + targetCluster.engineVersion();
    return sourceCluster.get().engineVersion().equals(targetCluster.engineVersion())
        ? Finding.pass(CHECK_ENGINE_VERSION, resource, observed, expected)
        : Finding.fail(CHECK_ENGINE_VERSION, resource, observed, expected);
  }

  /**
   * The lag against its bound. With data loss allowed, a lag beyond the bound, or none known, is a
   * warning: the promotion goes ahead and the lag becomes its RPO.
   */
  private Finding lagFinding(ClusterArn cluster, long maxLagSeconds, boolean dataLossAllowed) {
    Optional<Datapoint> latest = newestLag(cluster);
    String expected = "at most " + maxLagSeconds * 1000 + " ms";
    if (latest.isPresent() && latest.get().maximum() <= maxLagSeconds * 1000.0) {
      return Finding.pass(CHECK_LAG, cluster.arn(), observed(latest.get()), expected);
    }
    String observed =
        latest.isEmpty()
            ? "no " + LAG_METRIC + " datapoint in the last 10 minutes"
            : observed(latest.get());
    return dataLossAllowed
        ? Finding.warn(
            CHECK_LAG,
            cluster.arn(),
            observed,
            expected + " (data loss is allowed: the lag becomes the RPO)")
        : Finding.fail(CHECK_LAG, cluster.arn(), observed, expected);
  }

  private static String observed(Datapoint lag) {
    return Math.round(lag.maximum()) + " ms at " + lag.timestamp();
  }

  /** The newest AuroraGlobalDBRPOLag datapoint of the cluster in the last ten minutes. */
  private Optional<Datapoint> newestLag(ClusterArn cluster) {
    Instant now = Instant.now();
    List<Datapoint> datapoints =
        AwsFailures.call(
            "GetMetricStatistics",
            LAG_METRIC + " of cluster " + cluster.id(),
            cluster.region(),
            () ->
                clients
                    .cloudWatch(cluster.region())
                    .getMetricStatistics(
                        b ->
                            b.namespace("AWS/RDS")
                                .metricName(LAG_METRIC)
                                .dimensions(d -> d.name("DBClusterIdentifier").value(cluster.id()))
                                .startTime(now.minus(LAG_WINDOW))
                                // The end lies ahead so that a datapoint stamped within the
                                // current second is not cut off by second-precision times.
                                .endTime(now.plusSeconds(60))
                                .period(60)
                                .statistics(Statistic.MAXIMUM))
                    .datapoints());
    return datapoints.stream().max(Comparator.comparing(Datapoint::timestamp));
  }

  /**
   * The cluster as DescribeDBClusters reports it in its region, or empty when it does not exist.
   */
  private Optional<DBCluster> cluster(ClusterArn arn) {
    return AwsFailures.call(
        "DescribeDBClusters",
        "cluster " + arn.id(),
        arn.region(),
        () -> {
          try {
            return clients
                .rds(arn.region())
                .describeDBClusters(b -> b.dbClusterIdentifier(arn.id()))
                .dbClusters()
                .stream()
                .findFirst();
          } catch (DbClusterNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  private static ClusterArn clusterOf(Aurora aurora, String region) {
    String arn = aurora.cluster(region);
    if (arn == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the estate names no Aurora cluster in "
              + region
              + " (clusters: "
              + aurora.clusters()
              + ")",
          INVALID_REQUEST);
    }
    return ClusterArn.parse(arn);
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

  private static boolean isWriter(AuroraTopology topology, ClusterArn target) {
    ClusterMember writer = topology.writer();
    return writer != null
        && writer.clusterArn().equals(target.arn())
        && AVAILABLE.equals(topology.status());
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while waiting for the promotion; a retry resumes the wait", "Interrupted");
    }
  }
}
