package dev.regionfailover.activities.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.WriterRecord;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.GuardRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

@ExtendWith(AwsStackExtension.class)
class GuardActivitiesImplTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final List<String> REGIONS = List.of(EAST, WEST);
  private static final String SCHEMA = "/orders/schema-version";
  private static final String MIGRATION = "/orders/{region}/migration-in-progress";
  private static final String API = "api.orders.example.com";
  private static final String WRITER = "writer.orders.internal";
  private static final Route53Traffic TRAFFIC =
      new Route53Traffic(
          new HostedZone(null, "orders.example.com."),
          API,
          60,
          Map.of(EAST, "api-use1.orders.example.com", WEST, "api-usw2.orders.example.com"),
          null,
          null);
  private static final WriterRecord WRITER_RECORD =
      new WriterRecord(new HostedZone(null, "orders.internal."), WRITER, 30);

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private GuardActivitiesImpl guards;
  private String apiZone;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.guards = new GuardActivitiesImpl(clients);
    this.apiZone = zone("orders.example.com");
    cname(apiZone, API, "api-use1.orders.example.com", 60);
    cname(zone("orders.internal"), WRITER, "orders-use1.cluster.example", 30);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void equalSchemaVersionsPass() {
    parameter(EAST, SCHEMA, "42");
    parameter(WEST, SCHEMA, "42");

    Finding schema = only(check(schemaOnly(), false), GuardActivitiesImpl.CHECK_SCHEMA_VERSION);

    assertThat(schema.verdict()).isEqualTo(Verdict.PASS);
    assertThat(schema.resource()).isEqualTo(SCHEMA);
    assertThat(schema.observed()).isEqualTo("42 in us-east-1, us-west-2");
  }

  @Test
  void differentSchemaVersionsFailWithEachRegionsValue() {
    parameter(EAST, SCHEMA, "41");
    parameter(WEST, SCHEMA, "42");

    Finding schema = only(check(schemaOnly(), false), GuardActivitiesImpl.CHECK_SCHEMA_VERSION);

    assertThat(schema.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(schema.observed()).isEqualTo("41 in us-east-1, 42 in us-west-2");
    assertThat(schema.expected())
        .isEqualTo("the same value in every region [us-east-1, us-west-2]");
  }

  @Test
  void missingSchemaVersionFailsNamingTheRegion() {
    parameter(EAST, SCHEMA, "42");

    List<Finding> findings = check(schemaOnly(), false);

    assertThat(findings)
        .contains(
            Finding.fail(
                GuardActivitiesImpl.CHECK_SCHEMA_VERSION,
                SCHEMA + " in us-west-2",
                "parameter not found",
                "the same value in every region [us-east-1, us-west-2]"));
  }

  @Test
  void guardsWithoutParametersCheckNothingButRecords() {
    List<Finding> findings = check(Guards.DEFAULTS, false);

    assertThat(findings)
        .extracting(Finding::check)
        .containsExactly(
            GuardActivitiesImpl.CHECK_RECORD_TTL, GuardActivitiesImpl.CHECK_RECORD_TTL);
    assertThat(findings).extracting(Finding::verdict).containsOnly(Verdict.PASS);
    assertThat(findings).extracting(Finding::observed).containsExactly("TTL 60 s", "TTL 30 s");
  }

  @Test
  void migrationFlagTrueInAnyRegionFailsNamingIt() {
    parameter(EAST, "/orders/us-east-1/migration-in-progress", "false");
    parameter(WEST, "/orders/us-west-2/migration-in-progress", "TRUE");

    List<Finding> findings =
        findings(check(migrationOnly(), false), GuardActivitiesImpl.CHECK_MIGRATION);

    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).verdict()).isEqualTo(Verdict.PASS);
    assertThat(findings.get(0).observed()).isEqualTo("false in us-east-1");
    assertThat(findings.get(1).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(findings.get(1).resource())
        .isEqualTo("/orders/us-west-2/migration-in-progress in us-west-2");
    assertThat(findings.get(1).observed())
        .isEqualTo("TRUE in us-west-2: a migration is in progress");
  }

  @Test
  void migrationFlagThatIsNotSetPasses() {
    List<Finding> findings =
        findings(check(migrationOnly(), false), GuardActivitiesImpl.CHECK_MIGRATION);

    assertThat(findings).extracting(Finding::verdict).containsOnly(Verdict.PASS);
    assertThat(findings)
        .extracting(Finding::observed)
        .containsExactly("not set in us-east-1", "not set in us-west-2");
  }

  @Test
  void unreachableSourceIsAWarningOnlyWhenTheFailoverExpectsIt() {
    parameter(WEST, SCHEMA, "42");
    parameter(WEST, "/orders/us-west-2/migration-in-progress", "false");
    stack.standIn().faults().refuseRegion(EAST);
    Guards both = new Guards(SCHEMA, MIGRATION, 60, false);

    List<Finding> unplanned = check(both, true);
    List<Finding> planned = check(both, false);

    Finding schemaWarning =
        unplanned.stream()
            .filter(f -> f.resource().equals(SCHEMA + " in us-east-1"))
            .findFirst()
            .orElseThrow();
    assertThat(schemaWarning.verdict()).isEqualTo(Verdict.WARN);
    assertThat(schemaWarning.observed()).startsWith("us-east-1 unreachable: ");
    Finding migrationWarning =
        unplanned.stream()
            .filter(
                f -> f.resource().equals("/orders/us-east-1/migration-in-progress in us-east-1"))
            .findFirst()
            .orElseThrow();
    assertThat(migrationWarning.verdict()).isEqualTo(Verdict.WARN);
    assertThat(only(unplanned, GuardActivitiesImpl.CHECK_SCHEMA_VERSION, SCHEMA).observed())
        .isEqualTo("42 in us-west-2");
    assertThat(unplanned).extracting(Finding::verdict).doesNotContain(Verdict.FAIL);
    assertThat(planned)
        .filteredOn(f -> f.resource().endsWith(" in us-east-1"))
        .hasSize(2)
        .extracting(Finding::verdict)
        .containsOnly(Verdict.FAIL);
  }

  @Test
  void unreachableTargetFailsEvenWhenTheSourceMayBeUnreachable() {
    parameter(EAST, SCHEMA, "42");
    stack.standIn().faults().refuseRegion(WEST);

    List<Finding> findings = check(schemaOnly(), true);

    Finding target =
        findings.stream()
            .filter(f -> f.resource().equals(SCHEMA + " in us-west-2"))
            .findFirst()
            .orElseThrow();
    assertThat(target.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(target.observed()).startsWith("us-west-2 unreachable: ");
  }

  @Test
  void recordTtlAboveTheBoundWarnsOrFails() {
    cname(apiZone, API, "api-use1.orders.example.com", 300);

    Finding warned = only(check(new Guards(null, null, 60, false), false), recordOf(API));
    Finding failed = only(check(new Guards(null, null, 60, true), false), recordOf(API));

    assertThat(warned.verdict()).isEqualTo(Verdict.WARN);
    assertThat(warned.resource())
        .isEqualTo("CNAME api.orders.example.com. in zone orders.example.com.");
    assertThat(warned.observed())
        .isEqualTo("TTL 300 s: resolvers may keep the old answer that long after a shift");
    assertThat(warned.expected()).isEqualTo("TTL at most 60 s");
    assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(failed.observed()).isEqualTo(warned.observed());
  }

  @Test
  void everyWeightedRecordSetOfTheNameCounts() {
    String zone = zone("orders.weighted.example.com");
    String name = "api.orders.weighted.example.com";
    weighted(zone, name, EAST, 60);
    weighted(zone, name, WEST, 300);
    Route53Traffic traffic =
        new Route53Traffic(
            new HostedZone(null, "orders.weighted.example.com."),
            name,
            60,
            Map.of(EAST, "api-use1.orders.example.com", WEST, "api-usw2.orders.example.com"),
            RoutingPolicy.WEIGHTED,
            null);

    Finding finding =
        only(
            guards.check(
                new GuardRequest(
                    new Guards(null, null, 60, true), REGIONS, EAST, WEST, traffic, null, false)),
            GuardActivitiesImpl.CHECK_RECORD_TTL);

    assertThat(finding.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(finding.observed())
        .isEqualTo(
            "TTL 60 s (us-east-1), 300 s (us-west-2): resolvers may keep the old answer that long"
                + " after a shift");
  }

  @Test
  void missingRecordAndZoneFail() {
    WriterRecord missingRecord =
        new WriterRecord(new HostedZone(null, "orders.internal."), "reader.orders.internal", 30);
    WriterRecord missingZone =
        new WriterRecord(new HostedZone(null, "nowhere.internal."), WRITER, 30);

    Finding record =
        only(
            guards.check(
                new GuardRequest(Guards.DEFAULTS, REGIONS, EAST, WEST, null, missingRecord, false)),
            GuardActivitiesImpl.CHECK_RECORD_TTL);
    Finding zone =
        only(
            guards.check(
                new GuardRequest(Guards.DEFAULTS, REGIONS, EAST, WEST, null, missingZone, false)),
            GuardActivitiesImpl.CHECK_RECORD_TTL);

    assertThat(record.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(record.resource())
        .isEqualTo("CNAME reader.orders.internal. in zone orders.internal.");
    assertThat(record.observed()).isEqualTo("no such record");
    assertThat(zone.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(zone.observed()).isEqualTo("no Route 53 hosted zone is named nowhere.internal.");
  }

  private List<Finding> check(Guards guards, boolean sourceMayBeUnreachable) {
    return this.guards.check(
        new GuardRequest(
            guards, REGIONS, EAST, WEST, TRAFFIC, WRITER_RECORD, sourceMayBeUnreachable));
  }

  private static Guards schemaOnly() {
    return new Guards(SCHEMA, null, 60, false);
  }

  private static Guards migrationOnly() {
    return new Guards(null, MIGRATION, 60, false);
  }

  private static String recordOf(String name) {
    return "CNAME " + name + ".";
  }

  private static List<Finding> findings(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).toList();
  }

  /** The one finding of a check, or of the check whose resource starts with {@code prefix}. */
  private static Finding only(List<Finding> findings, String checkOrRecord) {
    List<Finding> matching =
        findings.stream()
            .filter(f -> f.check().equals(checkOrRecord) || f.resource().startsWith(checkOrRecord))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static Finding only(List<Finding> findings, String check, String resource) {
    return findings.stream()
        .filter(f -> f.check().equals(check) && f.resource().equals(resource))
        .findFirst()
        .orElseThrow();
  }

  private void parameter(String region, String name, String value) {
    emulator.ssm(region).putParameter(b -> b.name(name).value(value).type("String"));
  }

  private String zone(String name) {
    return emulator
        .route53()
        .createHostedZone(b -> b.name(name).callerReference(UUID.randomUUID().toString()))
        .hostedZone()
        .id();
  }

  private void cname(String zoneId, String name, String value, long ttl) {
    emulator
        .route53()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
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

  private void weighted(String zoneId, String name, String region, long ttl) {
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
                                                r.name(name)
                                                    .type(RRType.CNAME)
                                                    .setIdentifier(region)
                                                    .weight(1L)
                                                    .ttl(ttl)
                                                    .resourceRecords(
                                                        v -> v.value(region + ".example.com"))))));
  }
}
