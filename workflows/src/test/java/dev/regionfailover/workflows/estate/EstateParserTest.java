package dev.regionfailover.workflows.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstateParserTest {

  private static final Path EXAMPLE = Path.of("..", "deploy", "estates", "orders.yaml");

  @Test
  void theShippedExampleIsValid() throws Exception {
    Estate estate = EstateParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());

    assertThat(estate.app()).isEqualTo("orders");
    assertThat(estate.regions()).containsExactly("us-east-1", "us-west-2");
    assertThat(estate.traffic().route53().zone())
        .isEqualTo(new HostedZone(null, "orders.example.com."));
    assertThat(estate.traffic().route53().targets())
        .containsEntry("us-west-2", "api-usw2.orders.example.com");
    assertThat(estate.aurora().cluster("us-west-2"))
        .isEqualTo("arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2");
    assertThat(estate.aurora().writerRecord().ttl()).isEqualTo(30);
    assertThat(estate.aurora().maxLagSeconds()).isEqualTo(5);
    assertThat(estate.fleet("us-east-1").ecsServices())
        .containsExactly(new EcsServiceRef("orders-use1", "order-worker"));
    assertThat(estate.flags().writesEnabledParameter("us-west-2"))
        .isEqualTo("/orders/us-west-2/writes-enabled");
    assertThat(estate.approvals().timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(estate.pins().versionAttribute()).isEqualTo("version");
  }

  @Test
  void reportsEveryProblemWithItsPath() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "regions: [us-east-1, us-west-2]", "regions: [us-east-1, us-west-2, us-west-3]")
            .replace("{cluster: orders-usw2, service: order-worker}", "{service: order-worker}")
            .replace("maxLagSeconds: 5", "maxLagSeconds: five")
            .replace("timeout: PT1H", "timeout: 1 hour\n  approverz: [eve]")
            .replace("/orders/{region}/writes-enabled", "/orders/writes-enabled");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .contains(
            "regions[2]: us-west-3 is not an AWS region",
            "fleets.us-west-2.ecsServices[0].cluster: missing",
            "aurora.maxLagSeconds: five must be a whole number of seconds, 0 or more",
            "approvals.timeout: 1 hour is not an ISO-8601 duration such as PT1H or PT30M",
            "approvals.approverz: unknown key (expected one of [approvers, timeout, unplannedApprovals,"
                + " verified])",
            "flags.writesEnabledParameter: /orders/writes-enabled must contain {region}, so that each region has its own flag");
    assertThat(e.getMessage()).startsWith("orders.yaml is not a valid estate:");
  }

  @Test
  void regionKeysMustBeEstateRegionsAndArnsMustMatchTheirRegion() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "us-west-2: arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2",
                "us-west-2: arn:aws:rds:eu-west-1:123456789012:cluster:orders-usw2")
            .replace(
                "      us-west-2: api-usw2.orders.example.com",
                "      eu-west-1: api-euw1.orders.example.com");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .contains(
            "aurora.clusters.us-west-2: the ARN is in eu-west-1, not us-west-2",
            "traffic.route53.targets.eu-west-1: eu-west-1 is not one of the estate's regions [us-east-1, us-west-2]",
            "traffic.route53.targets.us-west-2: missing");
  }

  @Test
  void fleetsMustCorrespondAcrossRegions() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace("autoScalingGroups: [orders-batch-usw2]", "autoScalingGroups: []");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .singleElement()
        .asString()
        .startsWith("fleets.us-west-2.autoScalingGroups: has 0 entries but fleets.us-east-1 has 1");
  }

  @Test
  void readsEveryKindOfBackgroundWorkerAndTheGuards() throws Exception {
    Estate estate = EstateParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());

    Fleet west = estate.fleet("us-west-2");
    assertThat(west.lambdaEventSourceMappings())
        .containsExactly(
            new EventSourceMappingRef(
                "orders-projector", "arn:aws:sqs:us-west-2:123456789012:orders-events"));
    assertThat(west.eventBridgeRules())
        .containsExactly(new EventBridgeRuleRef("default", "orders-nightly-settlement"));
    assertThat(west.schedules()).containsExactly(new ScheduleRef("default", "orders-invoice-run"));
    assertThat(estate.approvals().unplannedApprovals()).isEqualTo(2);
    assertThat(estate.guards())
        .isEqualTo(
            new Guards("/orders/schema-version", "/orders/migration-in-progress", 60, false));
  }

  @Test
  void newSectionsReportTheirProblemsWithPaths() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace("unplannedApprovals: 2", "unplannedApprovals: 3")
            .replace("maxRecordTtlSeconds: 60", "maxRecordTtlSeconds: soon")
            .replace("blockOnHighTtl: false", "blockOnHighTtl: maybe")
            .replace(
                "schemaVersionParameter: /orders/schema-version",
                "schemaVersionParameter: orders-schema")
            .replace(
                "      - {name: orders-invoice-run}\n  us-west-2:",
                "      - {name: orders-invoice-run}\n      - {name: orders-cleanup}\n  us-west-2:")
            .replace(
                "eventSourceArn: \"arn:aws:sqs:us-west-2:123456789012:orders-events\"",
                "eventSourceArn: orders-events");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .contains(
            "approvals.unplannedApprovals: 3 distinct approvers are needed for an UNPLANNED failover but only 2 are listed",
            "guards.maxRecordTtlSeconds: soon must be a whole number of seconds, 1 or more",
            "guards.blockOnHighTtl: maybe must be true or false",
            "guards.schemaVersionParameter: orders-schema must start with / (an SSM parameter path)",
            "fleets.us-west-2.lambdaEventSourceMappings[0].eventSourceArn: orders-events is not an ARN",
            "fleets.us-west-2.schedules: has 1 entries but fleets.us-east-1 has 2; entries correspond by position across regions");
  }

  @Test
  void readsEveryTrafficLayerInItsStatedOrder() throws Exception {
    Estate estate = EstateParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());

    assertThat(estate.traffic().layers())
        .containsExactly(TrafficLayer.ARC, TrafficLayer.GLOBAL_ACCELERATOR, TrafficLayer.ROUTE53);
    assertThat(estate.traffic().arc().clusterEndpoints()).hasSize(5);
    assertThat(estate.traffic().arc().routingControls()).containsOnlyKeys("us-east-1", "us-west-2");
    assertThat(estate.traffic().globalAccelerator().endpointGroups())
        .containsOnlyKeys("us-east-1", "us-west-2");
    assertThat(estate.traffic().route53().routing()).isEqualTo(RoutingPolicy.SIMPLE);
  }

  @Test
  void trafficLayersReportTheirProblemsWithPaths() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace("order: [arc, globalAccelerator, route53]", "order: [arc, cdn, arc]")
            .replace("us-west-2: arn:aws:globalaccelerator::", "us-west-2: arn:aws:elb::")
            .replace("    ttl: 60\n", "    ttl: 60\n    routing: failover\n")
            .replace(
                "      - https://host-aaaaaa.route53-recovery-cluster.us-east-1.amazonaws.com/v1\n",
                "      - host-aaaaaa\n");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .contains(
            "traffic.order[1]: cdn is not a traffic layer [arc, globalAccelerator, route53]",
            "traffic.order: lists a layer twice",
            "traffic.order: leaves out globalAccelerator, which is configured; every configured layer is shifted in the stated order",
            "traffic.globalAccelerator.endpointGroups.us-west-2: arn:aws:elb::123456789012:accelerator/orders/listener/web/endpoint-group/usw2 must be an ARN starting with arn:aws:globalaccelerator::",
            "traffic.route53.healthChecks: missing",
            "traffic.arc.clusterEndpoints[0]: host-aaaaaa is not an https URL of an ARC cluster endpoint");
  }

  @Test
  void verifiedApproversMapEachApproverToAPrincipalOfTheirOwn() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "  approvers: [alice, bob]\n",
                "  approvers: [alice, bob]\n  verified:\n    principals:\n"
                    + "      alice: arn:aws:iam::111122223333:user/alice\n"
                    + "      bob: arn:aws:sts::111122223333:assumed-role/sre/bob\n");

    Approvals approvals = EstateParser.parse(yaml, "orders.yaml").approvals();

    assertThat(approvals.verified().principal("alice"))
        .isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(approvals.verified().approverOf("arn:aws:sts::111122223333:assumed-role/sre/bob"))
        .isEqualTo("bob");
    assertThat(EstateParser.parse(Files.readString(EXAMPLE), "orders.yaml").approvals().verified())
        .isNull();
  }

  @Test
  void verifiedApproversReportTheirProblemsWithPaths() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "  approvers: [alice, bob]\n",
                "  approvers: [alice, bob, carol]\n  verified:\n    principals:\n"
                    + "      alice: arn:aws:iam::111122223333:user/alice\n"
                    + "      bob: arn:aws:iam::111122223333:user/alice\n"
                    + "      mallory: arn:aws:iam::111122223333:user/mallory\n"
                    + "    principal: x\n");
    String notAnArn =
        Files.readString(EXAMPLE)
            .replace(
                "  approvers: [alice, bob]\n",
                "  approvers: [alice, bob]\n  verified:\n    principals:\n"
                    + "      alice: alice@example.com\n      bob: arn:aws:iam::111122223333:user/bob\n");

    assertThat(problems(yaml))
        .containsExactlyInAnyOrder(
            "approvals.verified.principal: unknown key (expected one of [principals])",
            "approvals.verified.principals.bob: arn:aws:iam::111122223333:user/alice is also"
                + " alice's principal; each approver needs a principal of their own, or one person"
                + " could give both approvals",
            "approvals.verified.principals.mallory: mallory is not one of approvals.approvers"
                + " [alice, bob, carol]",
            "approvals.verified.principals: approver carol has no principal; a verified approver"
                + " cannot approve without one");
    assertThat(problems(notAnArn))
        .containsExactly(
            "approvals.verified.principals.alice: alice@example.com is not an IAM principal ARN"
                + " (arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME or"
                + " arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)");
  }

  private static java.util.List<String> problems(String yaml) {
    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));
    assertThat(e).as("the estate is refused").isNotNull();
    return e.errors();
  }

  @Test
  void malformedYamlNamesTheLine() {
    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class,
            () -> EstateParser.parse("app: orders\nregions: [us-east-1\n", "bad.yaml"));

    assertThat(e.errors()).singleElement().asString().startsWith("not valid YAML at line");
  }

  @Test
  void missingSectionsAreNamed() {
    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class,
            () -> EstateParser.parse("app: Orders!\nregions: [us-east-1]\n", "min.yaml"));

    assertThat(e.errors())
        .contains(
            "app: Orders! must be lower-case letters, digits and dashes (it is part of the workflow id)",
            "regions: needs two or more regions, found 1",
            "aurora: missing",
            "authority: missing",
            "flags: missing",
            "approvals: missing");
  }

  @Test
  void evacuationKeysDefaultToTheEstatesRegionsTierFiveAndTheWorkersAccount() throws Exception {
    Estate estate = EstateParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());

    assertThat(estate.preferredTargets()).containsExactly("us-east-1", "us-west-2");
    assertThat(estate.dependsOn()).isEmpty();
    assertThat(estate.tier()).isEqualTo(Estate.DEFAULT_TIER);
    assertThat(estate.aws()).isEqualTo(AwsAccount.WORKER);
    assertThat(estate.aws().accountId()).isEqualTo(AwsAccount.WORKER_ACCOUNT);
    assertThat(estate.evacuationTarget("us-east-1")).isEqualTo("us-west-2");
    assertThat(estate.evacuationTarget("us-west-2")).isEqualTo("us-east-1");
  }

  @Test
  void evacuationKeysBindAndTheFirstPreferredTargetOtherThanTheEvacuatedRegionWins()
      throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "regions: [us-east-1, us-west-2]",
                "regions: [us-east-1, us-west-2]\npreferredTargets: [us-west-2, us-east-1]\n"
                    + "dependsOn: [payments, identity]\ntier: 2\n"
                    + "aws: {roleArn: 'arn:aws:iam::210987654321:role/region-failover',"
                    + " externalId: orders-ext}");

    Estate estate = EstateParser.parse(yaml, "orders.yaml");

    assertThat(estate.dependsOn()).containsExactly("payments", "identity");
    assertThat(estate.tier()).isEqualTo(2);
    assertThat(estate.aws().roleArn()).isEqualTo("arn:aws:iam::210987654321:role/region-failover");
    assertThat(estate.aws().externalId()).isEqualTo("orders-ext");
    assertThat(estate.aws().accountId()).isEqualTo("210987654321");
    assertThat(estate.evacuationTarget("us-east-1")).isEqualTo("us-west-2");
    assertThat(estate.evacuationTarget("us-west-2")).isEqualTo("us-east-1");
  }

  @Test
  void evacuationKeysAreCheckedWithTheirPaths() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace(
                "regions: [us-east-1, us-west-2]",
                "regions: [us-east-1, us-west-2]\npreferredTargets: [eu-west-1, us-west-2]\n"
                    + "dependsOn: [orders, Payments]\ntier: 10\n"
                    + "aws: {roleArn: 'arn:aws:iam::2109:user/bob', externalId: x}");

    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse(yaml, "orders.yaml"));

    assertThat(e.errors())
        .contains(
            "preferredTargets[0]: eu-west-1 is not one of the estate's regions [us-east-1, us-west-2]",
            "dependsOn[0]: an app cannot depend on itself",
            "dependsOn[1]: Payments must be an app name: lower-case letters, digits and dashes",
            "tier: 10 must be a whole number from 1 (first) to 9 (last)",
            "aws.roleArn: arn:aws:iam::2109:user/bob is not an IAM role ARN such as"
                + " arn:aws:iam::123456789012:role/region-failover",
            "aws.externalId: x must be 2 to 1224 letters, digits or +=,.@:/_-");
  }
}
