package dev.regionfailover.activities.detection;

import static dev.regionfailover.activities.TestActivities.retryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.detection.DetectionActivities;
import dev.regionfailover.workflows.detection.RegionSample;
import dev.regionfailover.workflows.detection.SampleRequest;
import dev.regionfailover.workflows.detection.SignalKind;
import dev.regionfailover.workflows.detection.SignalReading;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.route53.model.HealthCheckType;

@ExtendWith(AwsStackExtension.class)
class DetectionActivitiesImplTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String GLOBAL = "orders-global";
  private static final Map<String, String> CLUSTERS =
      Map.of(
          EAST, "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1",
          WEST, "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2");
  private static final String TABLE = "orders-tenants";

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private TestActivityEnvironment environment;
  private DetectionActivities activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new DetectionActivitiesImpl(clients));
    this.activities = environment.newActivityStub(DetectionActivities.class, TestActivities.once());
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void alarmsReadImpairedWhileOneIsInAlarm() {
    alarm(EAST, "orders-5xx-use1", StateValue.OK);
    alarm(EAST, "orders-latency-use1", StateValue.ALARM);

    SignalReading alarming = reading(sample(alarmsOnly()), SignalKind.ALARMS);

    assertThat(alarming.impaired()).isTrue();
    assertThat(alarming.observed())
        .isEqualTo("orders-5xx-use1=OK, orders-latency-use1=ALARM, orders-gone=missing");

    alarm(EAST, "orders-latency-use1", StateValue.OK);

    assertThat(reading(sample(alarmsOnly()), SignalKind.ALARMS).impaired()).isFalse();
  }

  @Test
  void healthCheckStatusIsServedByTheStandIn() {
    emulator.standInApi().putHealthCheckStatus("orders-api-use1", false);

    SignalReading failing =
        reading(sample(healthCheckOnly("orders-api-use1")), SignalKind.HEALTH_CHECK);

    assertThat(failing.impaired()).isTrue();
    assertThat(failing.observed()).isEqualTo("orders-api-use1: 0 of 3 checkers report success");

    emulator.standInApi().putHealthCheckStatus("orders-api-use1", true);

    SignalReading passing =
        reading(sample(healthCheckOnly("orders-api-use1")), SignalKind.HEALTH_CHECK);
    assertThat(passing.impaired()).isFalse();
    assertThat(passing.observed()).isEqualTo("orders-api-use1: 3 of 3 checkers report success");
  }

  @Test
  void healthChecksMotoCreatedAreHealthyAndUnknownOnesSayTheyDoNotExist() {
    String id =
        emulator
            .route53()
            .createHealthCheck(
                b ->
                    b.callerReference(UUID.randomUUID().toString())
                        .healthCheckConfig(
                            c ->
                                c.type(HealthCheckType.HTTPS)
                                    .fullyQualifiedDomainName("api-use1.orders.example.com")
                                    .port(443)
                                    .resourcePath("/health")))
            .healthCheck()
            .id();

    SignalReading moto = reading(sample(healthCheckOnly(id)), SignalKind.HEALTH_CHECK);
    SignalReading unknown =
        reading(sample(healthCheckOnly("no-such-check")), SignalKind.HEALTH_CHECK);

    assertThat(moto.impaired()).isFalse();
    assertThat(moto.observed()).isEqualTo(id + ": 1 of 1 checkers report success");
    assertThat(unknown.impaired()).isFalse();
    assertThat(unknown.observed()).isEqualTo("health check no-such-check does not exist");
  }

  @Test
  void auroraLagOfASecondaryImpairsTheWriterRegionOnly() {
    globalDatabase();
    lag(WEST, "orders-usw2", 8000);

    SignalReading writer = reading(sample(auroraOnly(EAST)), SignalKind.AURORA_LAG);
    SignalReading secondary = reading(sample(auroraOnly(WEST)), SignalKind.AURORA_LAG);

    assertThat(writer.impaired()).isTrue();
    assertThat(writer.observed())
        .isEqualTo("writer; lag of secondaries (bound 5000 ms): orders-usw2 8000 ms");
    assertThat(secondary.impaired()).isFalse();
    assertThat(secondary.observed()).isEqualTo("secondary: no replication out of us-west-2");
  }

  @Test
  void auroraLagWithinTheBoundReadsHealthy() {
    globalDatabase();
    lag(WEST, "orders-usw2", 400);

    SignalReading writer = reading(sample(auroraOnly(EAST)), SignalKind.AURORA_LAG);

    assertThat(writer.impaired()).isFalse();
    assertThat(writer.observed()).endsWith("orders-usw2 400 ms");
  }

  @Test
  void dynamoReplicationLatencyOutOfTheRegionIsReadAgainstTheBound() {
    latency(EAST, WEST, 9000);

    SignalReading east = reading(sample(tablesOnly(EAST)), SignalKind.DYNAMODB_LAG);
    SignalReading west = reading(sample(tablesOnly(WEST)), SignalKind.DYNAMODB_LAG);

    assertThat(east.impaired()).isTrue();
    assertThat(east.observed()).isEqualTo("bound 5000 ms: orders-tenants->us-west-2 9000 ms");
    assertThat(west.impaired()).isFalse();
    assertThat(west.observed()).isEqualTo("bound 5000 ms: orders-tenants->us-east-1 no datapoint");
  }

  @Test
  void anUnreachableRegionReadsImpairedOnEverySignalAndSaysSo() {
    globalDatabase();
    emulator.standInApi().putHealthCheckStatus("orders-api-use1", true);
    stack.standIn().faults().refuseRegion(EAST);

    RegionSample sample = sample(everything(EAST));

    assertThat(sample.reachable()).isFalse();
    assertThat(sample.readings())
        .extracting(SignalReading::kind)
        .containsExactly(
            SignalKind.ALARMS,
            SignalKind.HEALTH_CHECK,
            SignalKind.AURORA_LAG,
            SignalKind.DYNAMODB_LAG);
    assertThat(sample.readings()).allMatch(SignalReading::impaired);
    assertThat(sample.readings())
        .allMatch(r -> r.observed().startsWith("region unreachable: DescribeAlarms in us-east-1"));
  }

  @Test
  void aReachableRegionReadsEverySignalInOneSample() {
    globalDatabase();
    alarm(EAST, "orders-5xx-use1", StateValue.OK);
    alarm(EAST, "orders-latency-use1", StateValue.OK);
    emulator.standInApi().putHealthCheckStatus("orders-api-use1", true);

    RegionSample sample = sample(everything(EAST));

    assertThat(sample.reachable()).isTrue();
    assertThat(sample.region()).isEqualTo(EAST);
    assertThat(Instant.parse(sample.at())).isBeforeOrEqualTo(Instant.now());
    assertThat(sample.readings())
        .extracting(SignalReading::kind)
        .containsExactly(
            SignalKind.ALARMS,
            SignalKind.HEALTH_CHECK,
            SignalKind.AURORA_LAG,
            SignalKind.DYNAMODB_LAG);
    assertThat(sample.impairedCount()).isZero();
  }

  @Test
  void throttlingIsRetried() {
    alarm(EAST, "orders-5xx-use1", StateValue.OK);
    stack.standIn().faults().throttle(1.0);

    retryable(() -> activities.sample(alarmsOnly()));
  }

  private RegionSample sample(SampleRequest request) {
    return activities.sample(request);
  }

  private static SignalReading reading(RegionSample sample, SignalKind kind) {
    return sample.readings().stream()
        .filter(r -> r.kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " not in " + sample));
  }

  private static SampleRequest alarmsOnly() {
    return request(
        EAST,
        List.of("orders-5xx-use1", "orders-latency-use1", "orders-gone"),
        null,
        Map.of(),
        List.of());
  }

  private static SampleRequest healthCheckOnly(String id) {
    return request(EAST, List.of(), id, Map.of(), List.of());
  }

  private static SampleRequest auroraOnly(String region) {
    return request(region, List.of(), null, CLUSTERS, List.of());
  }

  private static SampleRequest tablesOnly(String region) {
    return request(region, List.of(), null, Map.of(), List.of(TABLE));
  }

  private static SampleRequest everything(String region) {
    return request(
        region,
        List.of("orders-5xx-use1", "orders-latency-use1"),
        "orders-api-use1",
        CLUSTERS,
        List.of(TABLE));
  }

  private static SampleRequest request(
      String region,
      List<String> alarms,
      String healthCheck,
      Map<String, String> clusters,
      List<String> tables) {
    return new SampleRequest(
        "orders", region, List.of(EAST, WEST), alarms, healthCheck, GLOBAL, clusters, 5, tables);
  }

  private void alarm(String region, String name, StateValue state) {
    emulator
        .cloudWatch(region)
        .putMetricAlarm(
            b ->
                b.alarmName(name)
                    .namespace("AWS/ApplicationELB")
                    .metricName("HTTPCode_Target_5XX_Count")
                    .statistic(Statistic.SUM)
                    .period(60)
                    .evaluationPeriods(1)
                    .threshold(10.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    emulator
        .cloudWatch(region)
        .setAlarmState(b -> b.alarmName(name).stateValue(state).stateReason("test"));
  }

  /** The global database of the example estate; the east cluster is the writer. */
  private void globalDatabase() {
    emulator
        .rds(EAST)
        .createGlobalCluster(
            b ->
                b.globalClusterIdentifier(GLOBAL)
                    .engine("aurora-postgresql")
                    .engineVersion("15.4"));
    emulator
        .rds(EAST)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-use1")
                    .engine("aurora-postgresql")
                    .engineVersion("15.4")
                    .masterUsername("orders")
                    .masterUserPassword("orders-password")
                    .globalClusterIdentifier(GLOBAL));
    emulator
        .rds(WEST)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-usw2")
                    .engine("aurora-postgresql")
                    .engineVersion("15.4")
                    .globalClusterIdentifier(GLOBAL));
  }

  private void lag(String region, String cluster, double millis) {
    emulator
        .cloudWatch(region)
        .putMetricData(
            b ->
                b.namespace("AWS/RDS")
                    .metricData(
                        d ->
                            d.metricName("AuroraGlobalDBRPOLag")
                                .dimensions(dim -> dim.name("DBClusterIdentifier").value(cluster))
                                .value(millis)
                                .unit(StandardUnit.MILLISECONDS)
                                .timestamp(Instant.now())));
  }

  private void latency(String region, String receiving, double millis) {
    emulator
        .cloudWatch(region)
        .putMetricData(
            b ->
                b.namespace("AWS/DynamoDB")
                    .metricData(
                        d ->
                            d.metricName("ReplicationLatency")
                                .dimensions(
                                    dim -> dim.name("TableName").value(TABLE),
                                    dim -> dim.name("ReceivingRegion").value(receiving))
                                .value(millis)
                                .unit(StandardUnit.MILLISECONDS)
                                .timestamp(Instant.now())));
  }
}
