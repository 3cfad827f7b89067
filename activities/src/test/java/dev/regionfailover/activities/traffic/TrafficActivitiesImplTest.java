package dev.regionfailover.activities.traffic;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static dev.regionfailover.activities.TestActivities.retryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.ArcTraffic;
import dev.regionfailover.workflows.estate.GlobalAcceleratorTraffic;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

@ExtendWith(AwsStackExtension.class)
class TrafficActivitiesImplTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String EU = "eu-west-1";
  private static final List<String> REGIONS = List.of(EAST, WEST, EU);

  private static final String PANEL =
      "arn:aws:route53-recovery-control::123456789012:controlpanel/orders";
  private static final Map<String, String> CONTROLS =
      Map.of(
          EAST, PANEL + "/routingcontrol/use1",
          WEST, PANEL + "/routingcontrol/usw2",
          EU, PANEL + "/routingcontrol/euw1");

  /** Cluster endpoints in regions of their own, so that refusing one faults nothing else. */
  private static final String CLUSTER_APSE2 = endpoint("ap-southeast-2");

  private static final String CLUSTER_APNE1 = endpoint("ap-northeast-1");
  private static final String CLUSTER_EUC1 = endpoint("eu-central-1");
  private static final ArcTraffic ARC =
      new ArcTraffic(List.of(CLUSTER_APSE2, CLUSTER_APNE1, CLUSTER_EUC1), CONTROLS);

  private static final String ACCELERATOR =
      "arn:aws:globalaccelerator::123456789012:accelerator/0123/listener/4567/endpoint-group/";
  private static final Map<String, String> GROUPS =
      Map.of(EAST, ACCELERATOR + "use1", WEST, ACCELERATOR + "usw2");

  private static final HostedZone ZONE = new HostedZone(null, "orders.example.com.");
  private static final String NAME = "api.orders.example.com";
  private static final Map<String, String> TARGETS =
      Map.of(EAST, "api-use1.orders.example.com", WEST, "api-usw2.orders.example.com");

  private AwsStandIn standIn;
  private EmulatorClients emulator;
  private AwsClients clients;
  private TestActivityEnvironment environment;
  private TrafficActivities traffic;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.standIn = stack.standIn();
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.environment = TestActivityEnvironment.newInstance();
    // A fixed seed keeps the order the cluster endpoints are tried in the same on every run.
    environment.registerActivitiesImplementations(
        new TrafficActivitiesImpl(clients, Duration.ofMillis(100), new Random(7)));
    this.traffic = environment.newActivityStub(TrafficActivities.class, TestActivities.once());
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void arcShiftRaisesTheTargetBeforeLoweringTheRestAndRestores() {
    controls(true, false, true);
    Traffic estate = arcOnly(ARC);

    LayerState before = traffic.read(new LayerRequest(estate, TrafficLayer.ARC, REGIONS));
    LayerState shifted = traffic.apply(before.shiftedTo(WEST));

    assertThat(before.values()).isEqualTo(Map.of(EAST, 1.0, WEST, 0.0, EU, 1.0));
    assertThat(shifted.values()).isEqualTo(Map.of(EAST, 0.0, WEST, 1.0, EU, 0.0));
    assertThat(isOn()).isEqualTo(Map.of(EAST, false, WEST, true, EU, false));
    // The target On alone, then the two others Off together: in the other order ARC's safety rule
    // (at least one control On) would have refused the first call.
    assertThat(standIn.count("UpdateRoutingControlState")).isEqualTo(1);
    assertThat(standIn.count("UpdateRoutingControlStates")).isEqualTo(1);

    LayerState restored = traffic.apply(before);

    assertThat(restored.values()).isEqualTo(before.values());
    assertThat(isOn()).isEqualTo(Map.of(EAST, true, WEST, false, EU, true));
    assertThat(standIn.count("UpdateRoutingControlState")).isEqualTo(2);
    assertThat(standIn.count("UpdateRoutingControlStates")).isEqualTo(2);
  }

  @Test
  void retriedApplyFindsEverythingInPlaceAndChangesNothing() {
    controls(true, false, false);
    groups(100, 0);
    Traffic estate = new Traffic(null, ARC, new GlobalAcceleratorTraffic(GROUPS), null);
    LayerState arc =
        traffic.read(new LayerRequest(estate, TrafficLayer.ARC, REGIONS)).shiftedTo(WEST);
    LayerState dials =
        traffic
            .read(new LayerRequest(estate, TrafficLayer.GLOBAL_ACCELERATOR, List.of(EAST, WEST)))
            .shiftedTo(WEST);
    traffic.apply(arc);
    traffic.apply(dials);
    long arcUpdates = arcUpdates();
    long dialUpdates = standIn.count("UpdateEndpointGroup");

    assertThat(traffic.apply(arc).values()).isEqualTo(arc.values());
    assertThat(traffic.apply(dials).values()).isEqualTo(dials.values());

    assertThat(arcUpdates()).isEqualTo(arcUpdates);
    assertThat(standIn.count("UpdateEndpointGroup")).isEqualTo(dialUpdates);
  }

  @Test
  void anUpdateTurningEveryRegionOffIsRefusedBeforeAnyCall() {
    controls(true, false, false);
    groups(100, 0);
    Traffic estate = new Traffic(null, ARC, new GlobalAcceleratorTraffic(GROUPS), null);

    ApplicationFailure arc =
        nonRetryable(
            () ->
                traffic.apply(
                    new LayerState(
                        estate, TrafficLayer.ARC, Map.of(EAST, 0.0, WEST, 0.0, EU, 0.0))));
    ApplicationFailure dials =
        nonRetryable(
            () ->
                traffic.apply(
                    new LayerState(
                        estate, TrafficLayer.GLOBAL_ACCELERATOR, Map.of(EAST, 0.0, WEST, 0.0))));

    assertThat(arc.getType()).isEqualTo(TrafficFailures.SAFETY_RULE);
    assertThat(arc.getOriginalMessage())
        .isEqualTo(
            "ARC routing controls: an update that would turn all off is refused:"
                + " {eu-west-1=0.0, us-east-1=0.0, us-west-2=0.0} leaves no region taking"
                + " traffic");
    assertThat(dials.getType()).isEqualTo(TrafficFailures.SAFETY_RULE);
    assertThat(dials.getOriginalMessage())
        .startsWith("Global Accelerator traffic dials: an update that would turn all off");
    assertThat(standIn.count("GetRoutingControlState") + arcUpdates()).isZero();
    assertThat(standIn.count("DescribeEndpointGroup") + standIn.count("UpdateEndpointGroup"))
        .isZero();
    assertThat(isOn()).isEqualTo(Map.of(EAST, true, WEST, false, EU, false));
  }

  @Test
  void arcMovesOnFromRefusedClusterEndpoints() {
    controls(true, false, false);
    standIn.faults().refuseRegion("ap-southeast-2");
    standIn.faults().refuseRegion("ap-northeast-1");
    Traffic estate = arcOnly(ARC);

    LayerState before = traffic.read(new LayerRequest(estate, TrafficLayer.ARC, REGIONS));
    LayerState shifted = traffic.apply(before.shiftedTo(EU));
    LayerState restored = traffic.apply(before);

    assertThat(shifted.values()).isEqualTo(Map.of(EAST, 0.0, WEST, 0.0, EU, 1.0));
    assertThat(restored.values()).isEqualTo(Map.of(EAST, 1.0, WEST, 0.0, EU, 0.0));
    assertThat(isOn()).isEqualTo(Map.of(EAST, true, WEST, false, EU, false));
    // Every call was answered by the one endpoint left, after trying refused ones first.
    assertThat(rejectedArcCalls("ap-southeast-2") + rejectedArcCalls("ap-northeast-1"))
        .isPositive();
    assertThat(
            standIn.count("ap-southeast-2", "GetRoutingControlState")
                + standIn.count("ap-northeast-1", "GetRoutingControlState"))
        .isZero();
  }

  @Test
  void arcFailsRetryablyNamingEveryEndpointWhenAllAreRefused() {
    controls(true, false, false);
    standIn.faults().refuseRegion("ap-southeast-2");
    standIn.faults().refuseRegion("ap-northeast-1");
    standIn.faults().refuseRegion("eu-central-1");
    Traffic estate = arcOnly(ARC);

    ApplicationFailure failure =
        retryable(() -> traffic.read(new LayerRequest(estate, TrafficLayer.ARC, REGIONS)));

    assertThat(failure.getType()).isEqualTo(TrafficFailures.ARC_UNAVAILABLE);
    assertThat(failure.getOriginalMessage())
        .startsWith("GetRoutingControlState on routing control ")
        .contains("failed at every ARC cluster endpoint: ")
        .contains(CLUSTER_APSE2 + " (ap-southeast-2): ")
        .contains(CLUSTER_APNE1 + " (ap-northeast-1): ")
        .contains(CLUSTER_EUC1 + " (eu-central-1): ");
  }

  @Test
  void arcSafetyRuleRefusalIsNonRetryableAndNamesTheControls() {
    // The east control alone in a panel of its own: turning it Off leaves that panel all Off.
    String lonely =
        "arn:aws:route53-recovery-control::123456789012:controlpanel/east/routingcontrol/use1";
    standIn.arc().putRoutingControl(lonely, true);
    standIn.arc().putRoutingControl(CONTROLS.get(WEST), false);
    Traffic estate =
        arcOnly(
            new ArcTraffic(ARC.clusterEndpoints(), Map.of(EAST, lonely, WEST, CONTROLS.get(WEST))));

    ApplicationFailure failure =
        nonRetryable(
            () ->
                traffic.apply(
                    new LayerState(estate, TrafficLayer.ARC, Map.of(EAST, 0.0, WEST, 1.0))));

    assertThat(failure.getType()).isEqualTo(TrafficFailures.SAFETY_RULE);
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "ARC refused setting routing controls {" + lonely + "=Off} under its safety rules: ")
        .contains("at-least-one-on");
    // The raise went through before the lower was refused: the target takes traffic.
    assertThat(standIn.arc().isOn(CONTROLS.get(WEST))).isTrue();
    assertThat(standIn.arc().isOn(lonely)).isTrue();
  }

  @Test
  void globalAcceleratorShiftsAndRestoresDialsThroughUsWest2() {
    groups(100, 33.3);
    Traffic estate = new Traffic(null, null, new GlobalAcceleratorTraffic(GROUPS), null);

    LayerState before =
        traffic.read(
            new LayerRequest(estate, TrafficLayer.GLOBAL_ACCELERATOR, List.of(EAST, WEST)));
    LayerState shifted = traffic.apply(before.shiftedTo(WEST));

    assertThat(before.values()).isEqualTo(Map.of(EAST, 100.0, WEST, 33.3));
    assertThat(shifted.values()).isEqualTo(Map.of(EAST, 0.0, WEST, 100.0));
    assertThat(standIn.globalAccelerator().dial(GROUPS.get(EAST))).isZero();
    assertThat(standIn.globalAccelerator().dial(GROUPS.get(WEST))).isEqualTo(100);

    LayerState restored = traffic.apply(before);

    assertThat(restored.values()).isEqualTo(before.values());
    assertThat(standIn.count("UpdateEndpointGroup")).isEqualTo(4);
    assertThat(standIn.count(WEST, "UpdateEndpointGroup")).isEqualTo(4);
  }

  @Test
  void weightedRecordsShiftAndRestoreKeepingValuesAndTtl() {
    String zoneId = zone();
    weighted(zoneId, EAST, 100);
    weighted(zoneId, WEST, 0);
    Traffic estate = route53(RoutingPolicy.WEIGHTED, Map.of());

    LayerState before =
        traffic.read(new LayerRequest(estate, TrafficLayer.ROUTE53, List.of(EAST, WEST)));
    long changes = standIn.count("ChangeResourceRecordSets");
    LayerState shifted = traffic.apply(before.shiftedTo(WEST));

    assertThat(before.values()).isEqualTo(Map.of(EAST, 100.0, WEST, 0.0));
    assertThat(shifted.values()).isEqualTo(Map.of(EAST, 0.0, WEST, 100.0));
    // One change raising the target, one lowering the source.
    assertThat(standIn.count("ChangeResourceRecordSets")).isEqualTo(changes + 2);
    ResourceRecordSet west = record(zoneId, WEST);
    assertThat(west.weight()).isEqualTo(100);
    assertThat(west.ttl()).isEqualTo(60);
    assertThat(west.resourceRecords().get(0).value()).isEqualTo(TARGETS.get(WEST));

    LayerState restored = traffic.apply(before);
    long afterRestore = standIn.count("ChangeResourceRecordSets");
    traffic.apply(before);

    assertThat(restored.values()).isEqualTo(before.values());
    assertThat(record(zoneId, EAST).weight()).isEqualTo(100);
    assertThat(record(zoneId, WEST).weight()).isZero();
    assertThat(standIn.count("ChangeResourceRecordSets")).isEqualTo(afterRestore);
  }

  @Test
  void failoverInvertsTheSourceHealthCheckAndRestores() {
    String east = healthCheck();
    String west = healthCheck();
    Traffic estate = route53(RoutingPolicy.FAILOVER, Map.of(EAST, east, WEST, west));

    LayerState before =
        traffic.read(new LayerRequest(estate, TrafficLayer.ROUTE53, List.of(EAST, WEST)));
    LayerState shifted = traffic.apply(before.shiftedTo(WEST));

    assertThat(before.values()).isEqualTo(Map.of(EAST, 1.0, WEST, 1.0));
    assertThat(shifted.values()).isEqualTo(Map.of(EAST, 0.0, WEST, 1.0));
    assertThat(inverted(east)).isTrue();
    assertThat(inverted(west)).isFalse();
    assertThat(standIn.count("UpdateHealthCheck")).isEqualTo(1);

    LayerState restored = traffic.apply(before);
    traffic.apply(before);

    assertThat(restored.values()).isEqualTo(before.values());
    assertThat(inverted(east)).isFalse();
    assertThat(standIn.count("UpdateHealthCheck")).isEqualTo(2);
  }

  @Test
  void simpleRecordsUnconfiguredLayersAndImpossibleValuesAreRefused() {
    Traffic simple = route53(RoutingPolicy.SIMPLE, Map.of());
    Traffic weighted = route53(RoutingPolicy.WEIGHTED, Map.of());

    ApplicationFailure dns =
        nonRetryable(() -> traffic.read(new LayerRequest(simple, TrafficLayer.ROUTE53, REGIONS)));
    ApplicationFailure arc =
        nonRetryable(() -> traffic.read(new LayerRequest(simple, TrafficLayer.ARC, REGIONS)));
    ApplicationFailure weight =
        nonRetryable(
            () ->
                traffic.apply(
                    new LayerState(
                        weighted, TrafficLayer.ROUTE53, Map.of(EAST, 300.0, WEST, 0.0))));

    assertThat(dns.getType()).isEqualTo(TrafficFailures.UNSUPPORTED);
    assertThat(dns.getOriginalMessage())
        .isEqualTo(
            "the SIMPLE Route 53 record api.orders.example.com is repointed by DnsActivities,"
                + " not by the traffic activities");
    assertThat(arc.getType()).isEqualTo(TrafficFailures.NOT_CONFIGURED);
    assertThat(arc.getOriginalMessage()).isEqualTo("the estate configures no arc traffic layer");
    assertThat(weight.getType()).isEqualTo(TrafficFailures.INVALID_VALUE);
    assertThat(weight.getOriginalMessage())
        .isEqualTo(
            "weighted CNAME api.orders.example.com. in zone orders.example.com. cannot set"
                + " us-east-1 to 300.0; it takes a whole weight from 0 to 255");
    assertThat(standIn.count("ListResourceRecordSets")).isZero();
  }

  private static String endpoint(String region) {
    return "https://host-" + region + ".route53-recovery-cluster." + region + ".amazonaws.com/v1";
  }

  private static Traffic arcOnly(ArcTraffic arc) {
    return new Traffic(null, arc, null, null);
  }

  private static Traffic route53(RoutingPolicy routing, Map<String, String> healthChecks) {
    return new Traffic(
        new Route53Traffic(ZONE, NAME, 60, TARGETS, routing, healthChecks), null, null, null);
  }

  private void controls(boolean east, boolean west, boolean eu) {
    standIn.arc().putRoutingControl(CONTROLS.get(EAST), east);
    standIn.arc().putRoutingControl(CONTROLS.get(WEST), west);
    standIn.arc().putRoutingControl(CONTROLS.get(EU), eu);
  }

  private Map<String, Boolean> isOn() {
    return Map.of(
        EAST, standIn.arc().isOn(CONTROLS.get(EAST)),
        WEST, standIn.arc().isOn(CONTROLS.get(WEST)),
        EU, standIn.arc().isOn(CONTROLS.get(EU)));
  }

  private long arcUpdates() {
    return standIn.count("UpdateRoutingControlState") + standIn.count("UpdateRoutingControlStates");
  }

  private long rejectedArcCalls(String region) {
    return standIn.rejected(region, "GetRoutingControlState")
        + standIn.rejected(region, "UpdateRoutingControlState")
        + standIn.rejected(region, "UpdateRoutingControlStates");
  }

  private void groups(double east, double west) {
    standIn.globalAccelerator().putEndpointGroup(GROUPS.get(EAST), EAST, east);
    standIn.globalAccelerator().putEndpointGroup(GROUPS.get(WEST), WEST, west);
  }

  private String zone() {
    return emulator
        .route53()
        .createHostedZone(
            b -> b.name("orders.example.com").callerReference(UUID.randomUUID().toString()))
        .hostedZone()
        .id();
  }

  private void weighted(String zoneId, String region, long weight) {
    emulator
        .route53()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .changeBatch(
                        batch ->
                            batch.changes(
                                c ->
                                    c.action(ChangeAction.CREATE)
                                        .resourceRecordSet(
                                            r ->
                                                r.name(NAME)
                                                    .type(RRType.CNAME)
                                                    .setIdentifier(region)
                                                    .weight(weight)
                                                    .ttl(60L)
                                                    .resourceRecords(
                                                        v -> v.value(TARGETS.get(region)))))));
  }

  private ResourceRecordSet record(String zoneId, String region) {
    return emulator
        .route53()
        .listResourceRecordSets(b -> b.hostedZoneId(zoneId))
        .resourceRecordSets()
        .stream()
        .filter(r -> r.type() == RRType.CNAME && region.equals(r.setIdentifier()))
        .findFirst()
        .orElseThrow();
  }

  private String healthCheck() {
    return emulator
        .route53()
        .createHealthCheck(
            b ->
                b.callerReference(UUID.randomUUID().toString())
                    .healthCheckConfig(
                        c ->
                            c.type("HTTPS")
                                .fullyQualifiedDomainName("api.orders.example.com")
                                .port(443)
                                .resourcePath("/health")
                                .inverted(false)))
        .healthCheck()
        .id();
  }

  private boolean inverted(String healthCheckId) {
    return emulator
        .route53()
        .getHealthCheck(b -> b.healthCheckId(healthCheckId))
        .healthCheck()
        .healthCheckConfig()
        .inverted();
  }
}
