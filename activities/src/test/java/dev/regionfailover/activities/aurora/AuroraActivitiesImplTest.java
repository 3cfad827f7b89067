package dev.regionfailover.activities.aurora;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static dev.regionfailover.activities.TestActivities.retryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
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
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.WriterRecord;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

@ExtendWith(AwsStackExtension.class)
class AuroraActivitiesImplTest {

  private static final String GLOBAL = "orders-global";
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String EAST_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String WEST_ARN = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";
  private static final Aurora AURORA =
      new Aurora(
          GLOBAL,
          Map.of(EAST, EAST_ARN, WEST, WEST_ARN),
          new WriterRecord(new HostedZone(null, "orders.internal."), "writer.orders.internal", 30),
          5);

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private AuroraActivitiesImpl activities;
  private TestActivityEnvironment environment;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities = new AuroraActivitiesImpl(clients, Duration.ofMillis(100));
    this.environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(activities);
    stack.standIn().setPromotionDuration(Duration.ofMillis(600));
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void describeReportsMembersRegionsAndWriter() {
    globalDatabase("15.4", "15.4", true);

    AuroraTopology topology = activities.describe(new TopologyRequest(GLOBAL, List.of(WEST, EAST)));

    assertThat(topology.globalCluster()).isEqualTo(GLOBAL);
    assertThat(topology.status()).isEqualTo("available");
    assertThat(topology.members())
        .containsExactlyInAnyOrder(
            new ClusterMember(EAST_ARN, EAST, true), new ClusterMember(WEST_ARN, WEST, false));
  }

  @Test
  void unknownGlobalClusterIsNonRetryable() {
    ApplicationFailure failure =
        nonRetryable(
            () -> activities.describe(new TopologyRequest("nope-global", List.of(EAST, WEST))));

    assertThat(failure.getType()).isEqualTo(AuroraActivitiesImpl.GLOBAL_CLUSTER_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "no region could describe global cluster nope-global: us-east-1: not found;"
                + " us-west-2: not found");
  }

  @Test
  void unreachableRegionsAreSkippedAndLeaveARetryableFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AwsSettings emulated = EmulatedAws.settings(stack);
    AwsSettings unreachable =
        new AwsSettings(
            Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
            emulated.credentials(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            1);
    try (AwsClients down = new AwsClients(unreachable)) {
      AuroraActivitiesImpl cut = new AuroraActivitiesImpl(down, Duration.ofMillis(100));

      ApplicationFailure failure =
          retryable(() -> cut.describe(new TopologyRequest(GLOBAL, List.of(EAST, WEST))));

      assertThat(failure.getOriginalMessage())
          .startsWith(
              "no region could describe global cluster orders-global: us-east-1: unreachable")
          .contains("; us-west-2: unreachable");
    }
  }

  @Test
  void readyTargetPassesEveryCheck() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 1200, Duration.ofMinutes(4));
    lag(WEST_ARN, 800, Duration.ofMinutes(1));

    List<Finding> findings =
        activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, false));

    assertThat(findings).extracting(Finding::verdict).containsOnly(Verdict.PASS);
    assertThat(findings)
        .extracting(Finding::check)
        .containsExactly(
            AuroraReadiness.CHECK_MEMBERSHIP,
            AuroraReadiness.CHECK_WRITER,
            AuroraReadiness.CHECK_ENGINE_VERSION,
            AuroraReadiness.CHECK_INSTANCES,
            AuroraReadiness.CHECK_LAG);
    assertThat(finding(findings, AuroraReadiness.CHECK_LAG).observed()).startsWith("800 ms at ");
  }

  @Test
  void unreadyTargetFailsWithWhatWasObserved() {
    globalDatabase("15.4", "15.3", false);
    lag(WEST_ARN, 7000, Duration.ofMinutes(1));

    List<Finding> findings =
        activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, false));

    Finding version = finding(findings, AuroraReadiness.CHECK_ENGINE_VERSION);
    assertThat(version.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(version.observed()).isEqualTo("15.4 vs 15.3");
    assertThat(version.resource()).isEqualTo("source orders-use1 vs target orders-usw2");
    Finding instances = finding(findings, AuroraReadiness.CHECK_INSTANCES);
    assertThat(instances.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(instances.observed()).isEqualTo("0 instances (a headless cluster)");
    Finding lag = finding(findings, AuroraReadiness.CHECK_LAG);
    assertThat(lag.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(lag.observed()).startsWith("7000 ms at ");
    assertThat(lag.expected()).isEqualTo("at most 5000 ms");
    assertThat(finding(findings, AuroraReadiness.CHECK_MEMBERSHIP).verdict())
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void targetThatIsAlreadyTheWriterFails() {
    globalDatabase("15.4", "15.4", true);
    lag(EAST_ARN, 10, Duration.ofMinutes(1));

    List<Finding> findings =
        activities.checkReadiness(new ReadinessRequest(AURORA, WEST, EAST, false));

    Finding writer = finding(findings, AuroraReadiness.CHECK_WRITER);
    assertThat(writer.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(writer.observed()).isEqualTo("already the writer of orders-global");
  }

  @Test
  void lagWithoutRecentDatapointFails() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 100, Duration.ofMinutes(30));

    Finding lag = activities.lag(new LagRequest(WEST_ARN, WEST, 5));

    assertThat(lag.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(lag.observed())
        .isEqualTo("no AuroraGlobalDBRPOLag datapoint in the last 10 minutes");
  }

  @Test
  void lagWithinBoundPasses() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 4999, Duration.ofMinutes(2));

    Finding lag = activities.lag(new LagRequest(WEST_ARN, WEST, 5));

    assertThat(lag.verdict()).isEqualTo(Verdict.PASS);
    assertThat(lag.resource()).isEqualTo(WEST_ARN);
  }

  @Test
  void promoteSwitchesOverWaitsAndReturnsTheNewWriterEndpoint() {
    globalDatabase("15.4", "15.4", true);
    List<PromotionProgress> heartbeats = new CopyOnWriteArrayList<>();
    environment.setActivityHeartbeatListener(PromotionProgress.class, heartbeats::add);
    long before = stack.standIn().count("SwitchoverGlobalCluster");

    PromotionResult result = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, false));

    assertThat(result.issued()).isTrue();
    assertThat(result.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(result.writerEndpoint())
        .isEqualTo(
            emulator
                .rds(WEST)
                .describeDBClusters(b -> b.dbClusterIdentifier("orders-usw2"))
                .dbClusters()
                .get(0)
                .endpoint());
    assertThat(stack.standIn().count("SwitchoverGlobalCluster")).isEqualTo(before + 1);
    assertThat(activities.describe(new TopologyRequest(GLOBAL, List.of(EAST))).writer())
        .isEqualTo(new ClusterMember(WEST_ARN, WEST, true));
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).requested()).isTrue();
    assertThat(heartbeats.get(0).status()).isEqualTo("switching-over");
    assertThat(heartbeats.get(0).writerClusterArn()).isEqualTo(EAST_ARN);
  }

  @Test
  void clusterEndpointNamesWhereAMemberTakesConnections() {
    globalDatabase("15.4", "15.4", true);

    String endpoint = activities.clusterEndpoint(new EndpointRequest(EAST_ARN, EAST));

    assertThat(endpoint)
        .isEqualTo(
            emulator
                .rds(EAST)
                .describeDBClusters(b -> b.dbClusterIdentifier("orders-use1"))
                .dbClusters()
                .get(0)
                .endpoint());
  }

  @Test
  void clusterEndpointOfAnUnknownClusterIsNonRetryable() {
    globalDatabase("15.4", "15.4", true);

    ApplicationFailure failure =
        nonRetryable(
            () ->
                activities.clusterEndpoint(
                    new EndpointRequest(
                        "arn:aws:rds:us-east-1:123456789012:cluster:orders-gone", EAST)));

    assertThat(failure.getOriginalMessage())
        .contains("orders-gone is not found by DescribeDBClusters in us-east-1");
  }

  @Test
  void retriedPromotionFindsTheWriterInPlaceAndRequestsNothing() {
    globalDatabase("15.4", "15.4", true);
    stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, false));
    long before = stack.standIn().count("SwitchoverGlobalCluster");

    PromotionResult again = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, false));

    assertThat(again.issued()).isFalse();
    assertThat(again.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(stack.standIn().count("SwitchoverGlobalCluster")).isEqualTo(before);
  }

  @Test
  void retryDuringTheSwitchoverWaitsWithoutRequestingAgain() {
    globalDatabase("15.4", "15.4", true);
    emulator
        .rds(WEST)
        .switchoverGlobalCluster(
            b -> b.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(WEST_ARN));
    long before = stack.standIn().count("SwitchoverGlobalCluster");
    environment.setHeartbeatDetails(
        new PromotionProgress(true, "2025-01-01T00:00:00Z", "switching-over", EAST_ARN));
    List<PromotionProgress> heartbeats = new CopyOnWriteArrayList<>();
    environment.setActivityHeartbeatListener(PromotionProgress.class, heartbeats::add);

    PromotionResult result = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, false));

    assertThat(result.issued()).isFalse();
    assertThat(result.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(stack.standIn().count("SwitchoverGlobalCluster")).isEqualTo(before);
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).requested()).isTrue();
    assertThat(heartbeats.get(0).requestedAt()).isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void withDataLossAllowedLagBeyondTheBoundIsAWarning() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 7000, Duration.ofMinutes(1));

    List<Finding> findings =
        activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, true));

    Finding lag = finding(findings, AuroraReadiness.CHECK_LAG);
    assertThat(lag.verdict()).isEqualTo(Verdict.WARN);
    assertThat(lag.observed()).startsWith("7000 ms at ");
    assertThat(lag.expected())
        .isEqualTo("at most 5000 ms (data loss is allowed: the lag becomes the RPO)");
    assertThat(findings)
        .filteredOn(f -> f != lag)
        .extracting(Finding::verdict)
        .containsOnly(Verdict.PASS);
  }

  @Test
  void withDataLossAllowedNoLagDatapointIsAWarning() {
    globalDatabase("15.4", "15.4", true);

    Finding lag =
        finding(
            activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, true)),
            AuroraReadiness.CHECK_LAG);

    assertThat(lag.verdict()).isEqualTo(Verdict.WARN);
    assertThat(lag.observed())
        .isEqualTo("no AuroraGlobalDBRPOLag datapoint in the last 10 minutes");
  }

  @Test
  void unreachableSourceIsAWarningNamingTheRegionWhenDataLossIsAllowed() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 800, Duration.ofMinutes(1));
    stack.standIn().faults().refuseRegion(EAST);

    List<Finding> unplanned =
        activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, true));
    List<Finding> planned =
        activities.checkReadiness(new ReadinessRequest(AURORA, EAST, WEST, false));

    Finding warned = finding(unplanned, AuroraReadiness.CHECK_ENGINE_VERSION);
    assertThat(warned.verdict()).isEqualTo(Verdict.WARN);
    assertThat(warned.observed()).startsWith("source unreachable in us-east-1: ");
    assertThat(finding(unplanned, AuroraReadiness.CHECK_LAG).verdict()).isEqualTo(Verdict.PASS);
    Finding failed = finding(planned, AuroraReadiness.CHECK_ENGINE_VERSION);
    assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(failed.observed()).startsWith("source unreachable in us-east-1: ");
    assertThat(stack.standIn().rejected(EAST, "DescribeDBClusters")).isPositive();
  }

  @Test
  void measureLagReadsTheNewestDatapoint() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 1200, Duration.ofMinutes(4));
    lag(WEST_ARN, 9000, Duration.ofMinutes(1));

    LagReading reading = activities.measureLag(new LagRequest(WEST_ARN, WEST, 5));

    assertThat(reading.clusterArn()).isEqualTo(WEST_ARN);
    assertThat(reading.lagMillis()).isEqualTo(9000.0);
    assertThat(Instant.parse(reading.at()))
        .isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now());
  }

  @Test
  void measureLagWithoutADatapointReadsNull() {
    globalDatabase("15.4", "15.4", true);
    lag(WEST_ARN, 100, Duration.ofMinutes(30));

    LagReading reading = activities.measureLag(new LagRequest(WEST_ARN, WEST, 5));

    assertThat(reading).isEqualTo(new LagReading(WEST_ARN, null, null));
  }

  @Test
  void promoteWithDataLossAllowedFailsOverInsteadOfSwitchingOver() {
    globalDatabase("15.4", "15.4", true);
    List<PromotionProgress> heartbeats = new CopyOnWriteArrayList<>();
    environment.setActivityHeartbeatListener(PromotionProgress.class, heartbeats::add);
    long switchovers = stack.standIn().count("SwitchoverGlobalCluster");
    long failovers = stack.standIn().count("FailoverGlobalCluster");

    PromotionResult result = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, true));

    assertThat(result.issued()).isTrue();
    assertThat(result.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(stack.standIn().count("FailoverGlobalCluster")).isEqualTo(failovers + 1);
    assertThat(stack.standIn().count("SwitchoverGlobalCluster")).isEqualTo(switchovers);
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).status()).isEqualTo("failing-over");
    assertThat(activities.describe(new TopologyRequest(GLOBAL, List.of(WEST))).writer())
        .isEqualTo(new ClusterMember(WEST_ARN, WEST, true));
  }

  @Test
  void retryDuringTheFailoverWaitsAndARetryAfterItRequestsNothing() {
    globalDatabase("15.4", "15.4", true);
    emulator
        .rds(WEST)
        .failoverGlobalCluster(
            b ->
                b.globalClusterIdentifier(GLOBAL)
                    .targetDbClusterIdentifier(WEST_ARN)
                    .allowDataLoss(true));
    long failovers = stack.standIn().count("FailoverGlobalCluster");

    PromotionResult waited = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, true));
    PromotionResult done = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, true));

    assertThat(waited.issued()).isFalse();
    assertThat(waited.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(done.issued()).isFalse();
    assertThat(stack.standIn().count("FailoverGlobalCluster")).isEqualTo(failovers);
  }

  @Test
  void promoteDoesNotNeedTheOldPrimaryRegionForAFailover() {
    globalDatabase("15.4", "15.4", true);
    stack.standIn().faults().refuseRegion(EAST);

    PromotionResult result = stub().promote(new PromoteRequest(GLOBAL, WEST_ARN, WEST, true));

    assertThat(result.writerClusterArn()).isEqualTo(WEST_ARN);
    assertThat(stack.standIn().count(EAST, "DescribeGlobalClusters")).isZero();
    assertThat(stack.standIn().rejected(EAST, "DescribeGlobalClusters")).isZero();
  }

  @Test
  void promotingAClusterOutsideTheGlobalClusterIsNonRetryable() {
    globalDatabase("15.4", "15.4", true);
    String stranger = "arn:aws:rds:us-west-2:123456789012:cluster:billing-usw2";

    ApplicationFailure failure =
        nonRetryable(() -> stub().promote(new PromoteRequest(GLOBAL, stranger, WEST, false)));

    assertThat(failure.getType()).isEqualTo(AuroraActivitiesImpl.INVALID_REQUEST);
    assertThat(failure.getOriginalMessage())
        .startsWith(stranger + " is not a member of global cluster orders-global (members: ");
  }

  private AuroraActivities stub() {
    return environment.newActivityStub(AuroraActivities.class, TestActivities.once());
  }

  /** The global database of the example estate; the east cluster is the writer. */
  private void globalDatabase(String eastVersion, String westVersion, boolean westInstance) {
    emulator
        .rds(EAST)
        .createGlobalCluster(
            b ->
                b.globalClusterIdentifier(GLOBAL)
                    .engine("aurora-postgresql")
                    .engineVersion(eastVersion));
    emulator
        .rds(EAST)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-use1")
                    .engine("aurora-postgresql")
                    .engineVersion(eastVersion)
                    .masterUsername("orders")
                    .masterUserPassword("orders-password")
                    .globalClusterIdentifier(GLOBAL));
    instance(EAST, "orders-use1");
    emulator
        .rds(WEST)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-usw2")
                    .engine("aurora-postgresql")
                    .engineVersion(westVersion)
                    .globalClusterIdentifier(GLOBAL));
    if (westInstance) {
      instance(WEST, "orders-usw2");
    }
  }

  private void instance(String region, String cluster) {
    emulator
        .rds(region)
        .createDBInstance(
            b ->
                b.dbInstanceIdentifier(cluster + "-1")
                    .dbClusterIdentifier(cluster)
                    .engine("aurora-postgresql")
                    .dbInstanceClass("db.r6g.large"));
  }

  private void lag(String clusterArn, double millis, Duration ago) {
    ClusterArn cluster = ClusterArn.parse(clusterArn);
    emulator
        .cloudWatch(cluster.region())
        .putMetricData(
            b ->
                b.namespace("AWS/RDS")
                    .metricData(
                        d ->
                            d.metricName("AuroraGlobalDBRPOLag")
                                .dimensions(
                                    dim -> dim.name("DBClusterIdentifier").value(cluster.id()))
                                .value(millis)
                                .unit(StandardUnit.MILLISECONDS)
                                .timestamp(Instant.now().minus(ago))));
  }

  private static Finding finding(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
  }
}
