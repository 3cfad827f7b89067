package dev.regionfailover.activities.dns;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.HostedZone;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

@ExtendWith(AwsStackExtension.class)
class DnsActivitiesImplTest {

  private static final HostedZone ZONE = new HostedZone(null, "orders.example.com.");
  private static final String NAME = "api.orders.example.com";
  private static final String WEST = "api-usw2.orders.example.com";

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private TestActivityEnvironment environment;
  private DnsActivities dns;
  private String zoneId;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new DnsActivitiesImpl(clients, Duration.ofMillis(100)));
    this.dns = environment.newActivityStub(DnsActivities.class, TestActivities.once());
    this.zoneId = createZone("orders.example.com");
    cname(zoneId, NAME, "api-use1.orders.example.com", 60);
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void pointsTheRecordAndReadsItBack() {
    long before = stack.standIn().count("ChangeResourceRecordSets");

    RecordState state = dns.pointRecord(new PointRecordRequest(ZONE, NAME, WEST, 60));

    assertThat(state).isEqualTo(new RecordState(zoneId, NAME + ".", WEST, 60, true));
    assertThat(stack.standIn().count("ChangeResourceRecordSets")).isEqualTo(before + 1);
    ResourceRecordSet record = emulatorRecord(zoneId, NAME);
    assertThat(record.resourceRecords().get(0).value()).isEqualTo(WEST);
    assertThat(record.ttl()).isEqualTo(60);
  }

  @Test
  void retriedChangeFindsTheRecordInPlaceAndChangesNothing() {
    dns.pointRecord(new PointRecordRequest(ZONE, NAME, WEST, 60));
    long before = stack.standIn().count("ChangeResourceRecordSets");

    // The same record, spelled with a trailing dot and in another case.
    RecordState again =
        dns.pointRecord(new PointRecordRequest(ZONE, "API.orders.example.com.", WEST + ".", 60));

    assertThat(again.changed()).isFalse();
    assertThat(stack.standIn().count("ChangeResourceRecordSets")).isEqualTo(before);
  }

  @Test
  void readRecordReportsWhereItPointsAndChangesNothing() {
    dns.pointRecord(new PointRecordRequest(ZONE, NAME, WEST, 60));
    long before = stack.standIn().count("ChangeResourceRecordSets");

    RecordState read = dns.readRecord(new RecordRequest(ZONE, NAME));
    RecordState missing = dns.readRecord(new RecordRequest(ZONE, "nothing.orders.example.com"));

    assertThat(read).isEqualTo(new RecordState(zoneId, NAME + ".", WEST, 60, false));
    assertThat(missing.value()).isNull();
    assertThat(stack.standIn().count("ChangeResourceRecordSets")).isEqualTo(before);
  }

  @Test
  void aDifferentTtlIsAChange() {
    RecordState state =
        dns.pointRecord(new PointRecordRequest(ZONE, NAME, "api-use1.orders.example.com", 30));

    assertThat(state.changed()).isTrue();
    assertThat(emulatorRecord(zoneId, NAME).ttl()).isEqualTo(30);
  }

  @Test
  void createsAMissingRecordInAZoneNamedById() {
    HostedZone byId = new HostedZone("/hostedzone/" + zoneId, null);

    RecordState state =
        dns.pointRecord(
            new PointRecordRequest(byId, "writer.orders.example.com", "orders-usw2.cluster", 30));

    assertThat(state.changed()).isTrue();
    assertThat(state.zoneId()).isEqualTo(zoneId);
    assertThat(emulatorRecord(zoneId, "writer.orders.example.com").resourceRecords().get(0).value())
        .isEqualTo("orders-usw2.cluster");
  }

  @Test
  void missingZoneByNameIsNonRetryable() {
    long before = stack.standIn().count("ChangeResourceRecordSets");

    ApplicationFailure failure =
        nonRetryable(
            () ->
                dns.pointRecord(
                    new PointRecordRequest(
                        new HostedZone(null, "orders.example.org."), NAME, WEST, 60)));

    assertThat(failure.getType()).isEqualTo(Route53Records.ZONE_NOT_FOUND);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("no Route 53 hosted zone is named orders.example.org.");
    assertThat(stack.standIn().count("ChangeResourceRecordSets")).isEqualTo(before);
  }

  @Test
  void missingZoneByIdIsNonRetryable() {
    ApplicationFailure failure =
        nonRetryable(
            () ->
                dns.pointRecord(
                    new PointRecordRequest(new HostedZone("ZNOSUCHZONE", null), NAME, WEST, 60)));

    assertThat(failure.getOriginalMessage())
        .startsWith("GetHostedZone on hosted zone ZNOSUCHZONE in global failed: NoSuchHostedZone");
  }

  @Test
  void zoneNameSharedByTwoZonesIsAmbiguous() {
    String other = createZone("orders.example.com");

    ApplicationFailure failure =
        nonRetryable(() -> dns.pointRecord(new PointRecordRequest(ZONE, NAME, WEST, 60)));

    assertThat(failure.getOriginalMessage())
        .contains(zoneId)
        .contains(other)
        .contains("name the zone by hostedZoneId");
  }

  private String createZone(String name) {
    String id =
        emulator
            .route53()
            .createHostedZone(b -> b.name(name).callerReference(UUID.randomUUID().toString()))
            .hostedZone()
            .id();
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private void cname(String zone, String name, String value, long ttl) {
    emulator
        .route53()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zone)
                    .changeBatch(
                        batch ->
                            batch.changes(
                                c ->
                                    c.action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            r ->
                                                r.name(name)
                                                    .type(RRType.CNAME)
                                                    .ttl(ttl)
                                                    .resourceRecords(v -> v.value(value))))));
  }

  private ResourceRecordSet emulatorRecord(String zone, String name) {
    return emulator
        .route53()
        .listResourceRecordSets(b -> b.hostedZoneId(zone))
        .resourceRecordSets()
        .stream()
        .filter(r -> r.type() == RRType.CNAME && r.name().equals(name + "."))
        .findFirst()
        .orElseThrow();
  }
}
