package dev.regionfailover.activities.aurora;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.rds.GlobalClusters;
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
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.InvalidGlobalClusterStateException;

/** Aurora Global Database through the RDS and CloudWatch APIs of each region. */
public final class AuroraActivitiesImpl implements AuroraActivities {

  /** Failure type when no region knows the global cluster. */
  public static final String GLOBAL_CLUSTER_NOT_FOUND = "GlobalClusterNotFound";

  /**
   * Failure type for a request that can never succeed, such as a cluster outside the global one.
   */
  public static final String INVALID_REQUEST = "InvalidAuroraRequest";

  private static final Logger log = LoggerFactory.getLogger(AuroraActivitiesImpl.class);
  private static final String AVAILABLE = "available";

  private final GlobalClusters globalClusters;
  private final AuroraReads reads;
  private final AuroraReadiness readiness;
  private final Duration pollInterval;

  @Inject
  public AuroraActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(2));
  }

  /**
   * @param pollInterval how long {@link #promote} waits between looks at the global cluster
   */
  public AuroraActivitiesImpl(AwsClients clients, Duration pollInterval) {
    requireNonNull(clients, "clients is null");
    this.globalClusters = new GlobalClusters(clients);
    this.reads = new AuroraReads(clients);
    this.readiness = new AuroraReadiness(reads);
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  @Override
  public AuroraTopology describe(TopologyRequest request) {
    return reads.topology(request);
  }

  @Override
  public List<Finding> checkReadiness(ReadinessRequest request) {
    return readiness.check(request);
  }

  @Override
  public Finding lag(LagRequest request) {
    return readiness.lagFinding(clusterIn(request), request.maxLagSeconds(), false);
  }

  @Override
  public LagReading measureLag(LagRequest request) {
    ClusterArn cluster = clusterIn(request);
    Optional<Datapoint> latest = reads.newestLag(cluster);
    LagReading reading =
        new LagReading(
            cluster.arn(),
            latest.map(Datapoint::maximum).orElse(null),
            latest.map(d -> d.timestamp().toString()).orElse(null));
    log.info("Newest {} of {}: {}", AuroraReads.LAG_METRIC, cluster.arn(), reading);
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
    return reads
        .cluster(cluster)
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

    AuroraTopology topology = reads.topology(describe);
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
      issued = requestPromotion(request, target);
      requestedAt = issued ? Instant.now().toString() : requestedAt;
    }
    boolean requested = issued || earlier.requested();
    while (!isWriter(topology, target)) {
      sleep();
      topology = reads.topology(describe);
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
        reads
            .cluster(target)
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

  /**
   * Requests the switchover (RPO 0), or, with data loss allowed, a failover that may lose the
   * writes the old primary had not replicated: the only promotion that works when the old primary's
   * region is down. False when AWS says the global cluster is changing.
   */
  private boolean requestPromotion(PromoteRequest request, ClusterArn target) {
    String region = request.targetRegion();
    String global = request.globalCluster();
    return request.allowDataLoss()
        ? request(
            "FailoverGlobalCluster",
            request,
            target,
            () -> globalClusters.failover(region, global, target.arn()))
        : request(
            "SwitchoverGlobalCluster",
            request,
            target,
            () -> globalClusters.switchover(region, global, target.arn()));
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
