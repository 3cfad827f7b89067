package dev.regionfailover.activities.aurora;

import static dev.regionfailover.activities.aurora.AuroraActivitiesImpl.INVALID_REQUEST;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.estate.Aurora;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.rds.model.DBCluster;

/** The readiness findings of the Aurora part of a failover: membership, the target, the lag. */
final class AuroraReadiness {

  static final String CHECK_MEMBERSHIP = "aurora-membership";
  static final String CHECK_WRITER = "aurora-not-already-writer";
  static final String CHECK_CLUSTER = "aurora-cluster-exists";
  static final String CHECK_ENGINE_VERSION = "aurora-engine-version";
  static final String CHECK_INSTANCES = "aurora-instances";
  static final String CHECK_LAG = "aurora-replication-lag";

  private static final Logger log = LoggerFactory.getLogger(AuroraReadiness.class);

  private final AuroraReads reads;

  AuroraReadiness(AuroraReads reads) {
    this.reads = requireNonNull(reads, "reads is null");
  }

  List<Finding> check(ReadinessRequest request) {
    Aurora aurora = request.aurora();
    ClusterArn target = clusterOf(aurora, request.targetRegion());
    ClusterArn source = clusterOf(aurora, request.sourceRegion());
    String global = aurora.globalCluster();
    List<Finding> findings = new ArrayList<>();

    AuroraTopology topology =
        reads.topology(
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

    Optional<DBCluster> targetCluster = reads.cluster(target);
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

  private Finding engineVersion(
      ClusterArn source, ClusterArn target, DBCluster targetCluster, boolean dataLossAllowed) {
    String resource = "source " + source.id() + " vs target " + target.id();
    String expected = "the same engine version";
    Optional<DBCluster> sourceCluster;
    try {
      sourceCluster = reads.cluster(source);
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
  Finding lagFinding(ClusterArn cluster, long maxLagSeconds, boolean dataLossAllowed) {
    Optional<Datapoint> latest = reads.newestLag(cluster);
    String expected = "at most " + maxLagSeconds * 1000 + " ms";
    if (latest.isPresent() && latest.get().maximum() <= maxLagSeconds * 1000.0) {
      return Finding.pass(CHECK_LAG, cluster.arn(), observed(latest.get()), expected);
    }
    String observed =
        latest.isEmpty()
            ? "no " + AuroraReads.LAG_METRIC + " datapoint in the last 10 minutes"
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
}
