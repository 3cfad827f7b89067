package dev.regionfailover.activities.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.activities.aurora.AuroraActivitiesImpl;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.EstateProvisioner;
import dev.regionfailover.workflows.aurora.ReadinessRequest;
import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.GlobalAcceleratorTraffic;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.CapacityRequest;
import dev.regionfailover.workflows.readiness.CredentialsRequest;
import dev.regionfailover.workflows.readiness.GuardRequest;
import dev.regionfailover.workflows.readiness.ResourcesRequest;
import dev.regionfailover.workflows.readiness.TrafficCheckRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Every readiness check against the example estate provisioned in the emulator: all pass, and each
 * fails with the observed value once its condition is broken there.
 */
@ExtendWith(AwsStackExtension.class)
class ReadinessActivitiesImplTest {

  private static final Path EXAMPLE = Path.of("../deploy/estates/orders.yaml");
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private Estate estate;
  private ReadinessActivitiesImpl readiness;
  private AuroraActivitiesImpl aurora;
  private GuardActivitiesImpl guards;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) throws Exception {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.estate = EstateParser.parse(Files.readString(EXAMPLE), "orders.yaml");
    new EstateProvisioner(emulator).provision(estate, 0);
    this.readiness = new ReadinessActivitiesImpl(clients);
    this.aurora = new AuroraActivitiesImpl(clients);
    this.guards = new GuardActivitiesImpl(clients);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void everyCheckPassesOnTheProvisionedEstate() {
    List<Finding> findings = new ArrayList<>();
    findings.addAll(aurora.checkReadiness(auroraRequest()));
    findings.addAll(guards.check(guardRequest(estate.guards())));
    findings.addAll(readiness.capacity(capacityRequest()));
    findings.addAll(readiness.traffic(trafficRequest(estate.traffic(), null)));
    for (String region : estate.regions()) {
      findings.addAll(readiness.resources(new ResourcesRequest(estate, region)));
      findings.add(readiness.credentials(new CredentialsRequest(region)));
    }

    assertThat(findings)
        .allSatisfy(f -> assertThat(f.verdict()).as(f.describe()).isEqualTo(Verdict.PASS));
    assertThat(findings)
        .extracting(Finding::check)
        .contains(
            ReadinessActivitiesImpl.CHECK_ECS_CAPACITY,
            ReadinessActivitiesImpl.CHECK_ASG_CAPACITY,
            ReadinessActivitiesImpl.CHECK_TABLE,
            ReadinessActivitiesImpl.CHECK_ECS_SERVICE,
            ReadinessActivitiesImpl.CHECK_ASG,
            ReadinessActivitiesImpl.CHECK_EVENT_SOURCE_MAPPING,
            ReadinessActivitiesImpl.CHECK_RULE,
            ReadinessActivitiesImpl.CHECK_SCHEDULE,
            ReadinessActivitiesImpl.CHECK_PARAMETER,
            ReadinessActivitiesImpl.CHECK_CREDENTIALS,
            ReadinessActivitiesImpl.CHECK_ARC,
            ReadinessActivitiesImpl.CHECK_GLOBAL_ACCELERATOR,
            ReadinessActivitiesImpl.CHECK_ROUTE53_RECORD);
    assertThat(find(findings, ReadinessActivitiesImpl.CHECK_ECS_CAPACITY).observed())
        .isEqualTo("0 desired task(s) vs the source's 2");
    assertThat(find(findings, ReadinessActivitiesImpl.CHECK_CREDENTIALS).observed())
        .startsWith("account 123456789012 as arn:aws:");
  }

  @Test
  void targetCapacityBelowTheSourceFails() {
    emulator
        .ecs(WEST)
        .updateService(r -> r.cluster("orders-usw2").service("order-worker").desiredCount(1));
    emulator
        .autoScaling(WEST)
        .updateAutoScalingGroup(
            r -> r.autoScalingGroupName("orders-batch-usw2").minSize(0).maxSize(1));

    List<Finding> findings = readiness.capacity(capacityRequest());

    Finding ecs = find(findings, ReadinessActivitiesImpl.CHECK_ECS_CAPACITY);
    assertThat(ecs.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(ecs.resource())
        .isEqualTo(
            "ECS service orders-usw2/order-worker in us-west-2 vs orders-use1/order-worker in"
                + " us-east-1");
    assertThat(ecs.observed()).isEqualTo("1 desired task(s) vs the source's 2");
    Finding asg = find(findings, ReadinessActivitiesImpl.CHECK_ASG_CAPACITY);
    assertThat(asg.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(asg.observed()).isEqualTo("min/max/desired 0/1/0 vs the source's 1/4/2");
  }

  @Test
  void missingResourcesFailNamingEach() {
    emulator
        .autoScaling(WEST)
        .deleteAutoScalingGroup(r -> r.autoScalingGroupName("orders-batch-usw2").forceDelete(true));
    emulator.dynamo(WEST).deleteTable(r -> r.tableName("orders-tenants"));
    emulator.ssm(WEST).deleteParameter(r -> r.name("/orders/us-west-2/writes-enabled"));
    emulator
        .ecs(WEST)
        .deleteService(r -> r.cluster("orders-usw2").service("order-worker").force(true));

    List<Finding> west = readiness.resources(new ResourcesRequest(estate, WEST));
    List<Finding> east = readiness.resources(new ResourcesRequest(estate, EAST));

    assertThat(east).extracting(Finding::verdict).containsOnly(Verdict.PASS);
    assertThat(failed(west))
        .extracting(Finding::check, Finding::resource, Finding::observed)
        .containsExactlyInAnyOrder(
            tuple(
                ReadinessActivitiesImpl.CHECK_TABLE,
                "DynamoDB table orders-tenants in us-west-2",
                "no such table"),
            tuple(
                ReadinessActivitiesImpl.CHECK_ECS_SERVICE,
                "ECS service orders-usw2/order-worker in us-west-2",
                "ECS service order-worker in cluster orders-usw2 not found in us-west-2 (missing or"
                    + " deleted)"),
            tuple(
                ReadinessActivitiesImpl.CHECK_ASG,
                "Auto Scaling group orders-batch-usw2 in us-west-2",
                "Auto Scaling group orders-batch-usw2 not found in us-west-2"),
            tuple(
                ReadinessActivitiesImpl.CHECK_PARAMETER,
                "SSM parameter /orders/us-west-2/writes-enabled in us-west-2",
                "no such parameter"));
    Finding capacity = find(readiness.capacity(capacityRequest()), "capacity-fleet-readable");
    assertThat(capacity.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(capacity.resource()).isEqualTo("ECS services and Auto Scaling groups in us-west-2");
  }

  @Test
  void auroraAndGuardConditionsFailWithTheObservedValue() {
    emulator.rds(WEST).deleteDBInstance(r -> r.dbInstanceIdentifier("orders-usw2-1"));
    new EstateProvisioner(emulator).publishLag(estate, Duration.ofSeconds(12));
    emulator
        .ssm(WEST)
        .putParameter(r -> r.name("/orders/schema-version").value("41").overwrite(true));
    cname("orders.example.com.", "api.orders.example.com", "api-use1.orders.example.com", 300);

    List<Finding> auroraFindings = aurora.checkReadiness(auroraRequest());
    Guards strict =
        new Guards(
            estate.guards().schemaVersionParameter(),
            estate.guards().migrationInProgressParameter(),
            estate.guards().maxRecordTtlSeconds(),
            true);
    List<Finding> guardFindings = guards.check(guardRequest(strict));
    List<Finding> lenient = guards.check(guardRequest(estate.guards()));

    assertThat(find(auroraFindings, "aurora-instances").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(find(auroraFindings, "aurora-instances").observed())
        .isEqualTo("0 instances (a headless cluster)");
    assertThat(find(auroraFindings, "aurora-replication-lag").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(find(auroraFindings, "aurora-replication-lag").observed())
        .startsWith("12000 ms at ");
    assertThat(find(guardFindings, "guard-schema-version").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(find(guardFindings, "guard-schema-version").observed())
        .isEqualTo("42 in us-east-1, 41 in us-west-2");
    Finding ttl = find(guardFindings, "guard-record-ttl");
    assertThat(ttl.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(ttl.observed()).startsWith("TTL 300 s");
    // The example estate only warns about a high TTL (blockOnHighTtl: false).
    assertThat(find(lenient, "guard-record-ttl").verdict()).isEqualTo(Verdict.WARN);
  }

  @Test
  void differentEngineVersionFails() {
    emulator
        .rds(WEST)
        .modifyDBCluster(
            r -> r.dbClusterIdentifier("orders-usw2").engineVersion("16.1").applyImmediately(true));

    Finding engine = find(aurora.checkReadiness(auroraRequest()), "aurora-engine-version");

    assertThat(engine.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(engine.observed()).isEqualTo("15.4 vs 16.1");
  }

  @Test
  void aRegionThatRefusesConnectionsFailsItsCredentialsCheck() {
    stack.standIn().faults().refuseRegion(WEST);

    Finding west = readiness.credentials(new CredentialsRequest(WEST));
    Finding east = readiness.credentials(new CredentialsRequest(EAST));

    assertThat(east.verdict()).isEqualTo(Verdict.PASS);
    assertThat(west.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(west.resource()).isEqualTo("STS GetCallerIdentity in us-west-2");
    assertThat(west.observed()).startsWith("unreachable: ");
  }

  @Test
  void deletedHealthChecksAndUnknownEndpointGroupsFail() {
    String eastCheck = healthCheck();
    String westCheck = healthCheck();
    Route53Traffic failover =
        new Route53Traffic(
            estate.traffic().route53().zone(),
            estate.traffic().route53().recordName(),
            60,
            estate.traffic().route53().targets(),
            RoutingPolicy.FAILOVER,
            Map.of(EAST, eastCheck, WEST, westCheck));
    String unknownGroup =
        "arn:aws:globalaccelerator::123456789012:accelerator/orders/listener/web/endpoint-group/gone";
    Traffic traffic =
        new Traffic(
            failover,
            null,
            new GlobalAcceleratorTraffic(
                Map.of(
                    EAST,
                    estate.traffic().globalAccelerator().endpointGroups().get(EAST),
                    WEST,
                    unknownGroup)),
            List.of(TrafficLayer.GLOBAL_ACCELERATOR, TrafficLayer.ROUTE53));
    Detection detection =
        new Detection(null, Map.of(EAST, eastCheck, WEST, westCheck), null, null, 0, false);
    emulator.route53().deleteHealthCheck(r -> r.healthCheckId(westCheck));

    List<Finding> findings = readiness.traffic(trafficRequest(traffic, detection));

    assertThat(failed(findings))
        .extracting(Finding::check, Finding::resource)
        .containsExactlyInAnyOrder(
            tuple(
                ReadinessActivitiesImpl.CHECK_GLOBAL_ACCELERATOR,
                "endpoint group " + unknownGroup + " of us-west-2"),
            tuple(
                ReadinessActivitiesImpl.CHECK_ROUTE53_LAYER,
                "health check " + westCheck + " of us-west-2"),
            tuple(
                ReadinessActivitiesImpl.CHECK_DETECTION_HEALTH_CHECK,
                "Route 53 health check " + westCheck + " of us-west-2"));
    assertThat(find(failed(findings), ReadinessActivitiesImpl.CHECK_DETECTION_HEALTH_CHECK))
        .extracting(Finding::observed)
        .isEqualTo("no such health check");
    assertThat(failed(findings))
        .allSatisfy(f -> assertThat(f.observed()).as(f.describe()).isNotBlank());
    assertThat(findings)
        .filteredOn(f -> f.resource().contains(eastCheck))
        .extracting(Finding::verdict)
        .containsOnly(Verdict.PASS);
  }

  private ReadinessRequest auroraRequest() {
    return new ReadinessRequest(estate.aurora(), EAST, WEST, false);
  }

  private GuardRequest guardRequest(Guards guardConfig) {
    return new GuardRequest(
        guardConfig,
        estate.regions(),
        EAST,
        WEST,
        estate.traffic().route53(),
        estate.aurora().writerRecord(),
        false);
  }

  private CapacityRequest capacityRequest() {
    return new CapacityRequest(EAST, estate.fleet(EAST), WEST, estate.fleet(WEST));
  }

  private TrafficCheckRequest trafficRequest(Traffic traffic, Detection detection) {
    return new TrafficCheckRequest(traffic, detection, estate.regions());
  }

  private String healthCheck() {
    return emulator
        .route53()
        .createHealthCheck(
            r ->
                r.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type(HealthCheckType.HTTPS)
                                .fullyQualifiedDomainName("api.orders.example.com")
                                .port(443)
                                .resourcePath("/health")))
        .healthCheck()
        .id();
  }

  private void cname(String zoneName, String name, String value, long ttl) {
    String zoneId =
        emulator.route53().listHostedZonesByName(r -> r.dnsName(zoneName)).hostedZones().stream()
            .filter(z -> z.name().equals(zoneName))
            .findFirst()
            .orElseThrow()
            .id();
    String bare = zoneId.substring(zoneId.lastIndexOf('/') + 1);
    emulator
        .route53()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(bare)
                    .changeBatch(
                        b ->
                            b.changes(
                                c ->
                                    c.action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(name)
                                                    .type(RRType.CNAME)
                                                    .ttl(ttl)
                                                    .resourceRecords(rr -> rr.value(value))))));
  }

  private static List<Finding> failed(List<Finding> findings) {
    return findings.stream().filter(f -> f.verdict() == Verdict.FAIL).toList();
  }

  private static Finding find(List<Finding> findings, String check) {
    return findings.stream()
        .filter(f -> f.check().equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + " finding in " + findings));
  }
}
