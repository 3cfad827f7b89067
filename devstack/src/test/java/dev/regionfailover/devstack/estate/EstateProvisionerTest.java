package dev.regionfailover.devstack.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

@ExtendWith(AwsStackExtension.class)
class EstateProvisionerTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String EAST_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String WEST_ARN = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";

  private final EmulatorClients clients;
  private final Estate orders;

  EstateProvisionerTest(EmulatorClients clients) throws Exception {
    this.clients = clients;
    Path file = Path.of("..", "deploy", "estates", "orders.yaml");
    this.orders = EstateParser.parse(Files.readString(file), file.toString());
  }

  @Test
  void createsEveryResourceOfTheOrdersEstateWithTheFirstRegionAsWriter(AwsStack aws) {
    new EstateProvisioner(clients).provision(orders, 10);

    assertAurora();
    assertRoute53();
    assertAuthority();
    assertPins();
    assertFleets();
    assertFlags();
    assertLag();
    assertEventSourceMappings();
    assertRules();
    assertSchedules();
    assertGuards();
    assertArcAndGlobalAccelerator(aws);
    assertThat(aws.standIn().count("CreateGlobalCluster")).isEqualTo(1);
  }

  @Test
  void createsTheDetectionAlarmsInStateOkAndRegistersItsHealthChecksHealthy() {
    new EstateProvisioner(clients).provision(orders, 0);

    orders
        .detection()
        .alarms()
        .forEach(
            (region, names) ->
                assertThat(
                        clients
                            .cloudWatch(region)
                            .describeAlarms(r -> r.alarmNames(names))
                            .metricAlarms())
                    .extracting(MetricAlarm::alarmName, MetricAlarm::stateValue)
                    .containsExactlyInAnyOrderElementsOf(
                        names.stream().map(n -> tuple(n, StateValue.OK)).toList()));
    assertThat(orders.detection().healthChecks()).containsOnlyKeys(EAST, WEST);
    orders
        .detection()
        .healthChecks()
        .values()
        .forEach(
            id ->
                assertThat(
                        clients
                            .route53()
                            .getHealthCheckStatus(r -> r.healthCheckId(id))
                            .healthCheckObservations())
                    .isNotEmpty()
                    .allMatch(o -> o.statusReport().status().startsWith("Success")));
  }

  @Test
  void weightedRoutingGetsOneRecordPerRegionWithTheWeightOnTheWriter() throws Exception {
    String yaml =
        Files.readString(Path.of("..", "deploy", "estates", "orders.yaml"))
            .replace("    ttl: 60\n", "    ttl: 60\n    routing: weighted\n");
    Estate weighted = EstateParser.parse(yaml, "weighted.yaml");

    new EstateProvisioner(clients).provision(weighted, 0);

    String zoneId = zoneId("orders.example.com.");
    List<ResourceRecordSet> records =
        clients
            .route53()
            .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
            .resourceRecordSets()
            .stream()
            .filter(set -> set.type() == RRType.CNAME)
            .toList();
    assertThat(records)
        .extracting(
            ResourceRecordSet::name,
            ResourceRecordSet::setIdentifier,
            ResourceRecordSet::weight,
            set -> set.resourceRecords().get(0).value())
        .containsExactlyInAnyOrder(
            tuple("api.orders.example.com.", EAST, 100L, "api-use1.orders.example.com"),
            tuple("api.orders.example.com.", WEST, 0L, "api-usw2.orders.example.com"));
  }

  @Test
  void runningTwiceChangesNothing(AwsStack aws) {
    EstateProvisioner provisioner = new EstateProvisioner(clients);
    provisioner.provision(orders, 3);
    clients
        .ssm(WEST)
        .putParameter(
            r ->
                r.name("/orders/migration-in-progress")
                    .value("true")
                    .type(ParameterType.STRING)
                    .overwrite(true));
    provisioner.provision(orders, 3);

    assertThat(clients.rds(WEST).describeDBClusters(r -> {}).dbClusters()).hasSize(1);
    assertThat(clients.route53().listHostedZones().hostedZones()).hasSize(2);
    assertThat(clients.ecs(EAST).listServices(r -> r.cluster("orders-use1")).serviceArns())
        .hasSize(1);
    assertThat(aws.standIn().count("CreateDBCluster")).isEqualTo(2);
    assertThat(aws.standIn().count("CreateHostedZone")).isEqualTo(2);
    assertThat(aws.standIn().count("CreateRole")).isEqualTo(1);
    for (String region : List.of(EAST, WEST)) {
      assertThat(aws.standIn().count(region, "CreateFunction")).isEqualTo(1);
      assertThat(aws.standIn().count(region, "CreateEventSourceMapping")).isEqualTo(1);
      assertThat(aws.standIn().count(region, "PutRule")).isEqualTo(1);
      assertThat(aws.standIn().count(region, "CreateSchedule")).isEqualTo(1);
      assertThat(mappings(region)).hasSize(1);
    }
    assertEventSourceMappings();
    assertRules();
    assertSchedules();
    assertThat(parameter(WEST, "/orders/migration-in-progress")).isEqualTo("true");
    assertThat(parameter(EAST, "/orders/migration-in-progress")).isEqualTo("false");
  }

  @Test
  void createsNamedBusesAndScheduleGroups() throws Exception {
    String yaml =
        Files.readString(Path.of("..", "deploy", "estates", "orders.yaml"))
            .replace(
                "{name: orders-nightly-settlement}",
                "{eventBus: orders-events, name: orders-nightly-settlement}")
            .replace(
                "{name: orders-invoice-run}", "{group: orders-billing, name: orders-invoice-run}");
    Estate named = EstateParser.parse(yaml, "named.yaml");

    new EstateProvisioner(clients).provision(named, 0);

    for (String region : List.of(EAST, WEST)) {
      assertThat(clients.eventBridge(region).describeEventBus(r -> r.name("orders-events")).name())
          .isEqualTo("orders-events");
      DescribeRuleResponse rule =
          clients
              .eventBridge(region)
              .describeRule(r -> r.name("orders-nightly-settlement").eventBusName("orders-events"));
      assertThat(rule.eventPattern()).contains("orders");
      assertThat(rule.scheduleExpression()).isNull();
      assertThat(
              clients
                  .scheduler(region)
                  .getSchedule(r -> r.groupName("orders-billing").name("orders-invoice-run"))
                  .groupName())
          .isEqualTo("orders-billing");
    }
    assertThat(
            clients
                .eventBridge(EAST)
                .describeRule(
                    r -> r.name("orders-nightly-settlement").eventBusName("orders-events"))
                .state())
        .isEqualTo(RuleState.ENABLED);
  }

  @Test
  void refusesAnEventSourceThatIsNotAnSqsQueue() throws Exception {
    String yaml =
        Files.readString(Path.of("..", "deploy", "estates", "orders.yaml"))
            .replace(
                "arn:aws:sqs:us-west-2:123456789012:orders-events",
                "arn:aws:kinesis:us-west-2:123456789012:stream/orders");
    Estate kinesis = EstateParser.parse(yaml, "kinesis.yaml");

    assertThatThrownBy(() -> new EstateProvisioner(clients).provision(kinesis, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "fleets.us-west-2 maps function orders-projector to event source"
                + " arn:aws:kinesis:us-west-2:123456789012:stream/orders");
  }

  @Test
  void refusesAZoneNamedById() throws Exception {
    String yaml =
        Files.readString(Path.of("..", "deploy", "estates", "orders.yaml"))
            .replace("hostedZoneName: orders.example.com.", "hostedZoneId: Z0123456789");
    Estate byId = EstateParser.parse(yaml, "by-id.yaml");

    assertThatThrownBy(() -> new EstateProvisioner(clients).provision(byId, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("traffic.route53 names hosted zone Z0123456789 by id");
  }

  private void assertArcAndGlobalAccelerator(AwsStack aws) {
    String panel = "arn:aws:route53-recovery-control::123456789012:controlpanel/orders";
    assertThat(aws.standIn().arc().isOn(panel + "/routingcontrol/use1")).isTrue();
    assertThat(aws.standIn().arc().isOn(panel + "/routingcontrol/usw2")).isFalse();
    assertThat(
            clients
                .arc(WEST)
                .getRoutingControlState(r -> r.routingControlArn(panel + "/routingcontrol/use1"))
                .routingControlState())
        .isEqualTo(RoutingControlState.ON);
    String groups = "arn:aws:globalaccelerator::123456789012:accelerator/orders/listener/web";
    assertThat(aws.standIn().globalAccelerator().dial(groups + "/endpoint-group/use1"))
        .isEqualTo(100);
    assertThat(aws.standIn().globalAccelerator().dial(groups + "/endpoint-group/usw2")).isZero();
    EndpointGroup west =
        clients
            .globalAccelerator()
            .describeEndpointGroup(r -> r.endpointGroupArn(groups + "/endpoint-group/usw2"))
            .endpointGroup();
    assertThat(west.endpointGroupRegion()).isEqualTo(WEST);
    assertThat(west.trafficDialPercentage()).isZero();
  }

  private void assertAurora() {
    GlobalCluster global =
        clients
            .rds(WEST)
            .describeGlobalClusters(r -> r.globalClusterIdentifier("orders-global"))
            .globalClusters()
            .get(0);
    assertThat(global.engine()).isEqualTo("aurora-postgresql");
    assertThat(global.globalClusterMembers())
        .extracting(GlobalClusterMember::dbClusterArn, GlobalClusterMember::isWriter)
        .containsExactlyInAnyOrder(tuple(EAST_ARN, true), tuple(WEST_ARN, false));
    DBCluster east = cluster(EAST, "orders-use1");
    DBCluster west = cluster(WEST, "orders-usw2");
    assertThat(east.engineVersion()).isEqualTo("15.4").isEqualTo(west.engineVersion());
    assertThat(east.dbClusterMembers()).hasSize(1);
    assertThat(west.dbClusterMembers()).hasSize(1);
    assertThat(
            clients
                .rds(WEST)
                .describeDBInstances(r -> r.dbInstanceIdentifier("orders-usw2-1"))
                .dbInstances()
                .get(0)
                .dbInstanceClass())
        .isEqualTo("db.r6g.large");
  }

  private void assertRoute53() {
    assertThat(cname("orders.example.com.", "api.orders.example.com."))
        .satisfies(
            set -> {
              assertThat(set.ttl()).isEqualTo(60L);
              assertThat(set.resourceRecords().get(0).value())
                  .isEqualTo("api-use1.orders.example.com");
            });
    assertThat(cname("orders.internal.", "writer.orders.internal."))
        .satisfies(
            set -> {
              assertThat(set.ttl()).isEqualTo(30L);
              assertThat(set.resourceRecords().get(0).value())
                  .isEqualTo(cluster(EAST, "orders-use1").endpoint());
            });
  }

  private void assertAuthority() {
    for (String region : List.of(EAST, WEST)) {
      Map<String, AttributeValue> item =
          clients
              .dynamo(region)
              .getItem(
                  r ->
                      r.tableName("failover-authority")
                          .key(
                              Map.of(
                                  "pk", AttributeValue.fromS("orders"),
                                  "sk", AttributeValue.fromS("authority"))))
              .item();
      assertThat(item)
          .containsEntry("writerRegion", AttributeValue.fromS(EAST))
          .containsEntry("epoch", AttributeValue.fromN("1"))
          .containsEntry("state", AttributeValue.fromS("ACTIVE"))
          .containsEntry("workflowId", AttributeValue.fromS("provisioned"))
          .containsEntry("reason", AttributeValue.fromS("initial state"));
      assertThat(Instant.parse(item.get("updatedAt").s())).isBefore(Instant.now().plusSeconds(1));
    }
  }

  private void assertPins() {
    for (String region : List.of(EAST, WEST)) {
      TableDescription table =
          clients.dynamo(region).describeTable(r -> r.tableName("orders-tenants")).table();
      GlobalSecondaryIndexDescription index = table.globalSecondaryIndexes().get(0);
      assertThat(index.indexName()).isEqualTo("homeRegion-index");
      assertThat(index.keySchema().get(0).attributeName()).isEqualTo("homeRegion");
      assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
      List<Map<String, AttributeValue>> westHomed =
          clients
              .dynamo(region)
              .query(
                  r ->
                      r.tableName("orders-tenants")
                          .indexName("homeRegion-index")
                          .keyConditionExpression("homeRegion = :r")
                          .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(WEST))))
              .items();
      assertThat(westHomed)
          .extracting(item -> item.get("id").s())
          .containsExactlyInAnyOrder(
              "tenant-00002", "tenant-00004", "tenant-00006", "tenant-00008", "tenant-00010");
      assertThat(westHomed).allSatisfy(item -> assertThat(item.get("version").n()).isEqualTo("1"));
      assertThat(clients.dynamo(region).scan(r -> r.tableName("orders-tenants")).count())
          .isEqualTo(10);
    }
  }

  private void assertFleets() {
    assertThat(service(EAST, "orders-use1").desiredCount()).isEqualTo(2);
    assertThat(service(WEST, "orders-usw2").desiredCount()).isZero();
    assertThat(group(EAST, "orders-batch-use1"))
        .satisfies(
            g -> {
              assertThat(g.minSize()).isEqualTo(1);
              assertThat(g.maxSize()).isEqualTo(4);
              assertThat(g.desiredCapacity()).isEqualTo(2);
            });
    assertThat(group(WEST, "orders-batch-usw2"))
        .satisfies(
            g -> {
              assertThat(g.minSize()).isZero();
              assertThat(g.maxSize()).isZero();
              assertThat(g.desiredCapacity()).isZero();
            });
  }

  private void assertFlags() {
    assertThat(parameter(EAST, "/orders/us-east-1/writes-enabled")).isEqualTo("true");
    assertThat(parameter(WEST, "/orders/us-west-2/writes-enabled")).isEqualTo("false");
  }

  private void assertLag() {
    for (Map.Entry<String, String> cluster :
        Map.of(EAST, "orders-use1", WEST, "orders-usw2").entrySet()) {
      List<Datapoint> datapoints =
          clients
              .cloudWatch(cluster.getKey())
              .getMetricStatistics(
                  r ->
                      r.namespace("AWS/RDS")
                          .metricName("AuroraGlobalDBRPOLag")
                          .dimensions(d -> d.name("DBClusterIdentifier").value(cluster.getValue()))
                          .startTime(Instant.now().minus(Duration.ofMinutes(5)))
                          .endTime(Instant.now().plus(Duration.ofMinutes(1)))
                          .period(60)
                          .statistics(Statistic.MAXIMUM))
              .datapoints();
      assertThat(datapoints).extracting(Datapoint::maximum).containsExactly(800.0);
    }
  }

  private void assertEventSourceMappings() {
    for (String region : List.of(EAST, WEST)) {
      String queueArn = "arn:aws:sqs:" + region + ":123456789012:orders-events";
      String queueUrl =
          clients.sqs(region).getQueueUrl(r -> r.queueName("orders-events")).queueUrl();
      assertThat(
              clients
                  .sqs(region)
                  .getQueueAttributes(
                      r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                  .attributes())
          .containsEntry(QueueAttributeName.QUEUE_ARN, queueArn);
      GetFunctionResponse function =
          clients.lambda(region).getFunction(r -> r.functionName("orders-projector"));
      assertThat(function.configuration().runtime()).isEqualTo(Runtime.PYTHON3_12);
      assertThat(function.configuration().role())
          .isEqualTo("arn:aws:iam::123456789012:role/orders-devstack-workers");
      List<EventSourceMappingConfiguration> mappings = mappings(region);
      assertThat(mappings).hasSize(1);
      assertThat(mappings.get(0).eventSourceArn()).isEqualTo(queueArn);
      assertThat(mappings.get(0).functionArn()).isEqualTo(function.configuration().functionArn());
      // moto reports the final state at once, never Enabling or Disabling.
      assertThat(mappings.get(0).state()).isEqualTo(region.equals(EAST) ? "Enabled" : "Disabled");
    }
  }

  private void assertRules() {
    for (String region : List.of(EAST, WEST)) {
      DescribeRuleResponse rule =
          clients.eventBridge(region).describeRule(r -> r.name("orders-nightly-settlement"));
      assertThat(rule.eventBusName()).isEqualTo("default");
      assertThat(rule.scheduleExpression()).isEqualTo("rate(1 day)");
      assertThat(rule.state())
          .isEqualTo(region.equals(EAST) ? RuleState.ENABLED : RuleState.DISABLED);
    }
  }

  private void assertSchedules() {
    for (String region : List.of(EAST, WEST)) {
      GetScheduleResponse schedule =
          clients.scheduler(region).getSchedule(r -> r.name("orders-invoice-run"));
      assertThat(schedule.groupName()).isEqualTo("default");
      assertThat(schedule.scheduleExpression()).isEqualTo("rate(1 hour)");
      assertThat(schedule.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
      assertThat(schedule.target().arn())
          .isEqualTo("arn:aws:sqs:" + region + ":123456789012:orders-scheduled-jobs");
      assertThat(schedule.target().roleArn())
          .isEqualTo("arn:aws:iam::123456789012:role/orders-devstack-workers");
      assertThat(schedule.state())
          .isEqualTo(region.equals(EAST) ? ScheduleState.ENABLED : ScheduleState.DISABLED);
    }
  }

  private void assertGuards() {
    for (String region : List.of(EAST, WEST)) {
      assertThat(parameter(region, "/orders/schema-version")).isEqualTo("42");
      assertThat(parameter(region, "/orders/migration-in-progress")).isEqualTo("false");
    }
  }

  private List<EventSourceMappingConfiguration> mappings(String region) {
    return clients
        .lambda(region)
        .listEventSourceMappings(r -> r.functionName("orders-projector"))
        .eventSourceMappings();
  }

  private DBCluster cluster(String region, String id) {
    return clients
        .rds(region)
        .describeDBClusters(r -> r.dbClusterIdentifier(id))
        .dbClusters()
        .get(0);
  }

  private ResourceRecordSet cname(String zoneName, String recordName) {
    String zoneId = zoneId(zoneName);
    return clients
        .route53()
        .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
        .resourceRecordSets()
        .stream()
        .filter(set -> set.name().equals(recordName) && set.type() == RRType.CNAME)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CNAME " + recordName + " in " + zoneName));
  }

  private String zoneId(String zoneName) {
    HostedZone zone =
        clients.route53().listHostedZonesByName(r -> r.dnsName(zoneName)).hostedZones().stream()
            .filter(z -> z.name().equals(zoneName))
            .findFirst()
            .orElseThrow();
    return zone.id().substring(zone.id().lastIndexOf('/') + 1);
  }

  private Service service(String region, String cluster) {
    return clients
        .ecs(region)
        .describeServices(r -> r.cluster(cluster).services("order-worker"))
        .services()
        .get(0);
  }

  private AutoScalingGroup group(String region, String name) {
    return clients
        .autoScaling(region)
        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .autoScalingGroups()
        .get(0);
  }

  private String parameter(String region, String name) {
    return clients.ssm(region).getParameter(r -> r.name(name)).parameter().value();
  }
}
