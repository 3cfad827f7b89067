package dev.regionfailover.activities.detection;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.cloudwatch.Metrics;
import dev.regionfailover.activities.rds.GlobalClusters;
import dev.regionfailover.workflows.detection.DetectionActivities;
import dev.regionfailover.workflows.detection.RegionSample;
import dev.regionfailover.workflows.detection.SampleRequest;
import dev.regionfailover.workflows.detection.SignalKind;
import dev.regionfailover.workflows.detection.SignalReading;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;

/**
 * Samples a region's health signals through CloudWatch (alarms, Aurora and DynamoDB replication
 * metrics), Route 53 (health-check status) and RDS (which cluster is the writer). Read-only. A
 * region whose own endpoints cannot be reached yields a sample in which every configured signal
 * reads impaired and says so; throttling and server errors are thrown so that Temporal retries the
 * sample. A misnamed alarm or health check reads healthy with the problem in its observation, so
 * that one typo cannot keep the monitor from sampling the rest.
 */
public final class DetectionActivitiesImpl implements DetectionActivities {

  private static final Logger log = LoggerFactory.getLogger(DetectionActivitiesImpl.class);

  /** Route 53 calls an endpoint healthy when more than this share of its checkers do. */
  private static final double HEALTHY_CHECKER_SHARE = 0.18;

  private static final String AURORA_LAG = "AuroraGlobalDBRPOLag";
  private static final String DYNAMODB_LATENCY = "ReplicationLatency";

  private final AwsClients clients;
  private final GlobalClusters globalClusters;
  private final Metrics metrics;

  @Inject
  public DetectionActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.globalClusters = new GlobalClusters(clients);
    this.metrics = new Metrics(clients);
  }

  @Override
  public RegionSample sample(SampleRequest request) {
    String region = request.region();
    List<SignalReading> readings = new ArrayList<>();
    try {
      if (!request.alarms().isEmpty()) {
        readings.add(alarms(region, request.alarms()));
      }
      if (request.clusters().containsKey(region)) {
        readings.add(auroraLag(request));
      }
      if (!request.replicatedTables().isEmpty()) {
        readings.add(dynamoLatency(request));
      }
    } catch (Unreachable e) {
      log.warn("Region {} of {} is unreachable: {}", region, request.app(), e.getMessage());
      return unreachable(request, e);
    }
    if (request.healthCheck() != null) {
      readings.add(healthCheck(request.healthCheck()));
    }
    readings.sort(Comparator.comparing(SignalReading::kind));
    return new RegionSample(region, Instant.now().toString(), true, readings);
  }

  private RegionSample unreachable(SampleRequest request, Unreachable e) {
    String observed = "region unreachable: " + e.getMessage();
    List<SignalReading> readings = new ArrayList<>();
    if (!request.alarms().isEmpty()) {
      readings.add(new SignalReading(SignalKind.ALARMS, true, observed));
    }
    if (request.healthCheck() != null) {
      readings.add(new SignalReading(SignalKind.HEALTH_CHECK, true, observed));
    }
    if (request.clusters().containsKey(request.region())) {
      readings.add(new SignalReading(SignalKind.AURORA_LAG, true, observed));
    }
    if (!request.replicatedTables().isEmpty()) {
      readings.add(new SignalReading(SignalKind.DYNAMODB_LAG, true, observed));
    }
    return new RegionSample(request.region(), Instant.now().toString(), false, readings);
  }

  private SignalReading alarms(String region, List<String> names) {
    List<MetricAlarm> found =
        call(
            region,
            "DescribeAlarms",
            "alarms " + names,
            () ->
                clients.cloudWatch(region).describeAlarms(b -> b.alarmNames(names)).metricAlarms());
    List<String> observed = new ArrayList<>();
    boolean impaired = false;
    for (String name : names) {
      Optional<MetricAlarm> alarm =
          found.stream().filter(a -> a.alarmName().equals(name)).findFirst();
      if (alarm.isEmpty()) {
        observed.add(name + "=missing");
        continue;
      }
      StateValue state = alarm.get().stateValue();
      impaired |= state == StateValue.ALARM;
      observed.add(name + "=" + state);
    }
    return new SignalReading(SignalKind.ALARMS, impaired, String.join(", ", observed));
  }

  private SignalReading healthCheck(String id) {
    GetHealthCheckStatusResponse status;
    try {
      status = clients.route53().getHealthCheckStatus(b -> b.healthCheckId(id));
    } catch (NoSuchHealthCheckException e) {
      return new SignalReading(
          SignalKind.HEALTH_CHECK, false, "health check " + id + " does not exist");
    } catch (SdkException e) {
      // Route 53 is a global service: failing to reach it says nothing about one region.
      throw AwsFailures.translate("GetHealthCheckStatus", "health check " + id, "global", e);
    }
    List<HealthCheckObservation> observations = status.healthCheckObservations();
    if (observations.isEmpty()) {
      return new SignalReading(SignalKind.HEALTH_CHECK, false, id + ": no checker has reported");
    }
    long healthy =
        observations.stream()
            .filter(o -> o.statusReport() != null && o.statusReport().status() != null)
            .filter(o -> o.statusReport().status().startsWith("Success"))
            .count();
    boolean impaired = healthy <= HEALTHY_CHECKER_SHARE * observations.size();
    return new SignalReading(
        SignalKind.HEALTH_CHECK,
        impaired,
        id + ": " + healthy + " of " + observations.size() + " checkers report success");
  }

  /**
   * Replication out of the region: when its cluster is the global writer, the newest lag of every
   * secondary, read in the secondary's region. A secondary region that cannot be reached is noted
   * but says nothing against this one.
   */
  private SignalReading auroraLag(SampleRequest request) {
    String region = request.region();
    String own = request.clusters().get(region);
    Optional<GlobalCluster> global =
        call(
            region,
            "DescribeGlobalClusters",
            "global cluster " + request.globalCluster(),
            () -> globalClusters.find(region, request.globalCluster()));
    if (global.isEmpty()) {
      return new SignalReading(
          SignalKind.AURORA_LAG,
          false,
          "global cluster " + request.globalCluster() + " not found in " + region);
    }
    boolean writer =
        global.get().globalClusterMembers().stream()
            .anyMatch(m -> own.equals(m.dbClusterArn()) && Boolean.TRUE.equals(m.isWriter()));
    if (!writer) {
      return new SignalReading(
          SignalKind.AURORA_LAG, false, "secondary: no replication out of " + region);
    }
    long max = request.maxLagSeconds() * 1000;
    List<String> observed = new ArrayList<>();
    boolean impaired = false;
    for (GlobalClusterMember member : global.get().globalClusterMembers()) {
      if (Boolean.TRUE.equals(member.isWriter()) || member.dbClusterArn() == null) {
        continue;
      }
      String[] arn = member.dbClusterArn().split(":");
      String secondaryRegion = arn[3];
      String id = arn[arn.length - 1];
      try {
        Optional<Datapoint> lag =
            newest(
                secondaryRegion,
                "AWS/RDS",
                AURORA_LAG,
                List.of(Metrics.dimension("DBClusterIdentifier", id)));
        if (lag.isEmpty()) {
          observed.add(id + " no lag datapoint");
        } else {
          impaired |= lag.get().maximum() > max;
          observed.add(id + " " + Math.round(lag.get().maximum()) + " ms");
        }
      } catch (Unreachable e) {
        observed.add(id + " unreachable in " + secondaryRegion);
      }
    }
    return new SignalReading(
        SignalKind.AURORA_LAG,
        impaired,
        "writer; lag of secondaries (bound " + max + " ms): " + String.join(", ", observed));
  }

  /** DynamoDB replication latency out of the region towards every other region, per table. */
  private SignalReading dynamoLatency(SampleRequest request) {
    String region = request.region();
    long max = request.maxLagSeconds() * 1000;
    List<String> observed = new ArrayList<>();
    boolean impaired = false;
    for (String table : request.replicatedTables()) {
      for (String receiving : request.regions()) {
        if (receiving.equals(region)) {
          continue;
        }
        Optional<Datapoint> latency =
            newest(
                region,
                "AWS/DynamoDB",
                DYNAMODB_LATENCY,
                List.of(
                    Metrics.dimension("TableName", table),
                    Metrics.dimension("ReceivingRegion", receiving)));
        if (latency.isEmpty()) {
          observed.add(table + "->" + receiving + " no datapoint");
        } else {
          impaired |= latency.get().maximum() > max;
          observed.add(
              table + "->" + receiving + " " + Math.round(latency.get().maximum()) + " ms");
        }
      }
    }
    return new SignalReading(
        SignalKind.DYNAMODB_LAG, impaired, "bound " + max + " ms: " + String.join(", ", observed));
  }

  private Optional<Datapoint> newest(
      String region, String namespace, String metric, List<Dimension> dimensions) {
    return call(
        region,
        "GetMetricStatistics",
        metric + " " + dimensions,
        () -> metrics.newest(region, namespace, metric, dimensions));
  }

  /**
   * Calls {@code region}; a failure to reach it becomes {@link Unreachable}, every other failure
   * what {@link AwsFailures} makes of it.
   */
  private static <T> T call(
      String region, String operation, String resource, Supplier<T> supplier) {
    try {
      return supplier.get();
    } catch (SdkException e) {
      if (AwsFailures.isUnreachable(e)) {
        throw new Unreachable(region, operation, e);
      }
      throw AwsFailures.translate(operation, resource, region, e);
    }
  }

  /** A region that did not answer at all. */
  private static final class Unreachable extends RuntimeException {

    Unreachable(String region, String operation, SdkException cause) {
      super(operation + " in " + region + ": " + AwsFailures.describe(cause), cause);
    }
  }
}
