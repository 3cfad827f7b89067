package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterResponse;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidGlobalClusterStateException;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterResponse;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.ssm.model.ParameterType;

@ExtendWith(AwsStackExtension.class)
class AwsStandInTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String GLOBAL = "orders-global";

  private final AwsStack aws;
  private final EmulatorClients clients;
  private String eastArn;
  private String westArn;

  AwsStandInTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
  }

  @BeforeEach
  void createGlobalCluster() {
    clients
        .rds(EAST)
        .createGlobalCluster(
            r ->
                r.globalClusterIdentifier(GLOBAL)
                    .engine("aurora-postgresql")
                    .engineVersion("15.4"));
    eastArn = createMember(EAST, "orders-use1");
    westArn = createMember(WEST, "orders-usw2");
  }

  @Test
  void switchoverShowsSwitchingOverThenTheTargetAsWriterInEveryRegion() {
    aws.standIn().setPromotionDuration(Duration.ofSeconds(2));

    SwitchoverGlobalClusterResponse response =
        clients
            .rds(WEST)
            .switchoverGlobalCluster(
                r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn));

    assertThat(response.globalCluster().globalClusterIdentifier()).isEqualTo(GLOBAL);
    assertThat(response.globalCluster().status()).isEqualTo("switching-over");
    assertThat(writerOf(response.globalCluster())).isEqualTo(eastArn);
    assertThat(response.globalCluster().failoverState().toDbClusterArn()).isEqualTo(westArn);
    for (String region : new String[] {EAST, WEST}) {
      GlobalCluster during = describe(region);
      assertThat(during.status()).isEqualTo("switching-over");
      assertThat(writerOf(during)).isEqualTo(eastArn);
    }

    GlobalCluster after = awaitStatus(WEST, "available");
    assertThat(writerOf(after)).isEqualTo(westArn);
    assertThat(member(after, westArn).readers()).containsExactly(eastArn);
    assertThat(member(after, eastArn).readers()).isEmpty();
    assertThat(member(after, eastArn).isWriter()).isFalse();
    assertThat(writerOf(describe(EAST))).isEqualTo(westArn);
    assertThat(aws.standIn().count("SwitchoverGlobalCluster")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "SwitchoverGlobalCluster")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "SwitchoverGlobalCluster")).isZero();
  }

  @Test
  void failoverShowsFailingOverThenTheTargetAsWriter() {
    aws.standIn().setPromotionDuration(Duration.ofSeconds(1));

    FailoverGlobalClusterResponse response =
        clients
            .rds(WEST)
            .failoverGlobalCluster(
                r ->
                    r.globalClusterIdentifier(GLOBAL)
                        .targetDbClusterIdentifier(westArn)
                        .allowDataLoss(true));

    assertThat(response.globalCluster().status()).isEqualTo("failing-over");
    assertThat(response.globalCluster().failoverState().isDataLossAllowed()).isTrue();
    assertThat(describe(EAST).status()).isEqualTo("failing-over");
    GlobalCluster after = awaitStatus(EAST, "available");
    assertThat(writerOf(after)).isEqualTo(westArn);
    assertThat(after.failoverState()).isNull();
    assertThat(aws.standIn().count("FailoverGlobalCluster")).isEqualTo(1);
  }

  @Test
  void switchingBackAfterASwitchoverMovesTheWriterBack() {
    aws.standIn().setPromotionDuration(Duration.ZERO);
    RdsClient rds = clients.rds(EAST);
    rds.switchoverGlobalCluster(
        r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn));
    assertThat(writerOf(describe(EAST))).isEqualTo(westArn);

    rds.switchoverGlobalCluster(
        r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(eastArn));

    assertThat(writerOf(describe(WEST))).isEqualTo(eastArn);
  }

  @Test
  void rejectsAnUnknownGlobalClusterANonMemberTheCurrentWriterAndASecondPromotion() {
    RdsClient rds = clients.rds(EAST);
    assertThatThrownBy(
            () ->
                rds.switchoverGlobalCluster(
                    r -> r.globalClusterIdentifier("nope").targetDbClusterIdentifier(westArn)))
        .isInstanceOf(GlobalClusterNotFoundException.class)
        .hasMessageContaining("nope")
        .satisfies(
            e -> assertThat(((GlobalClusterNotFoundException) e).statusCode()).isEqualTo(404));
    String stranger = "arn:aws:rds:us-west-2:123456789012:cluster:stranger";
    assertThatThrownBy(
            () ->
                rds.switchoverGlobalCluster(
                    r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(stranger)))
        .isInstanceOf(DbClusterNotFoundException.class)
        .hasMessageContaining(stranger);
    assertThatThrownBy(
            () ->
                rds.failoverGlobalCluster(
                    r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(eastArn)))
        .isInstanceOf(InvalidDbClusterStateException.class)
        .hasMessageContaining("already the writer");

    rds.switchoverGlobalCluster(
        r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn));
    assertThatThrownBy(
            () ->
                rds.switchoverGlobalCluster(
                    r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn)))
        .isInstanceOf(InvalidGlobalClusterStateException.class)
        .hasMessageContaining("switching-over");
    assertThatThrownBy(() -> rds.describeGlobalClusters(r -> r.globalClusterIdentifier("nope")))
        .isInstanceOf(GlobalClusterNotFoundException.class);
    assertThat(aws.standIn().count("SwitchoverGlobalCluster")).isEqualTo(4);
    assertThat(aws.standIn().count("FailoverGlobalCluster")).isEqualTo(1);
  }

  @Test
  void describeFiltersByIdentifierWhichMotoIgnores() {
    clients
        .rds(EAST)
        .createGlobalCluster(
            r ->
                r.globalClusterIdentifier("other")
                    .engine("aurora-postgresql")
                    .engineVersion("15.4"));

    assertThat(clients.rds(WEST).describeGlobalClusters(r -> {}).globalClusters()).hasSize(2);
    assertThat(
            clients
                .rds(WEST)
                .describeGlobalClusters(r -> r.globalClusterIdentifier("other"))
                .globalClusters())
        .extracting(GlobalCluster::globalClusterIdentifier)
        .containsExactly("other");
  }

  @Test
  void resetClearsTheWriterStateCountersAndMoto() {
    aws.standIn().setPromotionDuration(Duration.ZERO);
    clients
        .rds(EAST)
        .switchoverGlobalCluster(
            r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn));
    assertThat(writerOf(describe(EAST))).isEqualTo(westArn);

    aws.reset();

    assertThat(aws.standIn().count("SwitchoverGlobalCluster")).isZero();
    assertThat(clients.rds(EAST).describeGlobalClusters(r -> {}).globalClusters()).isEmpty();
    createGlobalCluster();
    assertThat(writerOf(describe(WEST))).isEqualTo(eastArn);
    assertThat(describe(WEST).status()).isEqualTo("available");
  }

  @Test
  void forwardsDynamoDbAndRoute53ToMotoAndCountsThem() {
    DynamoDbClient dynamo = clients.dynamo(WEST);
    dynamo.createTable(
        r ->
            r.tableName("t")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build()));
    dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"))));
    dynamo.updateItem(
        r ->
            r.tableName("t")
                .key(Map.of("pk", AttributeValue.fromS("a")))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("7"))));
    assertThat(
            dynamo
                .getItem(r -> r.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))))
                .item())
        .containsEntry("v", AttributeValue.fromN("7"));
    assertThatThrownBy(() -> clients.dynamo(EAST).describeTable(r -> r.tableName("t")))
        .isInstanceOf(ResourceNotFoundException.class);

    String zoneId =
        clients
            .route53()
            .createHostedZone(r -> r.name("example.com.").callerReference("ref-1"))
            .hostedZone()
            .id();
    String changeId =
        clients
            .route53()
            .changeResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .changeBatch(
                            b ->
                                b.changes(
                                    Change.builder()
                                        .action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            ResourceRecordSet.builder()
                                                .name("api.example.com")
                                                .type(RRType.CNAME)
                                                .ttl(60L)
                                                .resourceRecords(
                                                    ResourceRecord.builder()
                                                        .value("east.example.com")
                                                        .build())
                                                .build())
                                        .build())))
            .changeInfo()
            .id();
    assertThat(
            clients
                .route53()
                .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
                .resourceRecordSets())
        .anySatisfy(set -> assertThat(set.name()).isEqualTo("api.example.com."));

    clients.route53().getChange(r -> r.id(changeId));
    clients
        .ssm(WEST)
        .putParameter(r -> r.name("/p").value("v").type(ParameterType.STRING).overwrite(true));
    assertThat(clients.ssm(WEST).getParameter(r -> r.name("/p")).parameter().value())
        .isEqualTo("v");
    assertThat(clients.ecs(EAST).listClusters().clusterArns()).isEmpty();
    assertThat(clients.autoScaling(EAST).describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    assertThat(clients.sts(WEST).getCallerIdentity().account()).isEqualTo("123456789012");
    assertThat(clients.ec2(WEST).describeAvailabilityZones().availabilityZones()).isNotEmpty();
    assertThat(clients.cloudWatch(EAST).listMetrics().metrics()).isEmpty();

    assertThat(aws.standIn().count("UpdateItem")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "UpdateItem")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "CreateTable")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "DescribeTable")).isEqualTo(1);
    assertThat(aws.standIn().count("CreateHostedZone")).isEqualTo(1);
    assertThat(aws.standIn().count("ChangeResourceRecordSets")).isEqualTo(1);
    assertThat(aws.standIn().count("ListResourceRecordSets")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "ChangeResourceRecordSets")).isEqualTo(1);
    assertThat(aws.standIn().count("GetChange")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "PutParameter")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "ListClusters")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "DescribeAutoScalingGroups")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "GetCallerIdentity")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "DescribeAvailabilityZones")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "ListMetrics")).isEqualTo(1);
    assertThat(aws.standIn().count("Unknown")).isZero();
  }

  @Test
  void recordsEachRequestAsIamActionsOnResources() {
    DynamoDbClient dynamo = clients.dynamo(EAST);
    dynamo.createTable(
        r ->
            r.tableName("ledger")
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("orders"));

    dynamo.transactWriteItems(
        r ->
            r.transactItems(
                t -> t.put(p -> p.tableName("ledger").item(key)),
                t ->
                    t.conditionCheck(
                        c ->
                            c.tableName("ledger")
                                .key(Map.of("pk", AttributeValue.fromS("other")))
                                .conditionExpression("attribute_not_exists(pk)"))));
    clients
        .ssm(WEST)
        .putParameter(r -> r.name("/orders/flag").value("true").type(ParameterType.STRING));
    clients
        .rds(WEST)
        .switchoverGlobalCluster(
            r -> r.globalClusterIdentifier(GLOBAL).targetDbClusterIdentifier(westArn));

    String table = "arn:aws:dynamodb:us-east-1:123456789012:table/ledger";
    assertThat(aws.standIn().recordedOperations())
        .contains(
            new RecordedOperation(
                EmulatorClients.CREDENTIAL, "dynamodb:PutItem", EAST, table, "TransactWriteItems"),
            new RecordedOperation(
                EmulatorClients.CREDENTIAL,
                "dynamodb:ConditionCheckItem",
                EAST,
                table,
                "TransactWriteItems"),
            new RecordedOperation(
                EmulatorClients.CREDENTIAL,
                "ssm:PutParameter",
                WEST,
                "arn:aws:ssm:us-west-2:123456789012:parameter/orders/flag",
                "PutParameter"),
            new RecordedOperation(
                EmulatorClients.CREDENTIAL,
                "rds:SwitchoverGlobalCluster",
                WEST,
                "arn:aws:rds::123456789012:global-cluster:" + GLOBAL,
                "SwitchoverGlobalCluster"),
            new RecordedOperation(
                EmulatorClients.CREDENTIAL,
                "rds:SwitchoverGlobalCluster",
                WEST,
                westArn,
                "SwitchoverGlobalCluster"))
        .noneMatch(op -> op.action().equals("dynamodb:TransactWriteItems"));

    aws.reset();
    assertThat(aws.standIn().recordedOperations()).isEmpty();
  }

  private String createMember(String region, String id) {
    RdsClient rds = clients.rds(region);
    String arn =
        rds.createDBCluster(
                r ->
                    r.dbClusterIdentifier(id)
                        .engine("aurora-postgresql")
                        .engineVersion("15.4")
                        .globalClusterIdentifier(GLOBAL)
                        .masterUsername("admin")
                        .masterUserPassword("password123"))
            .dbCluster()
            .dbClusterArn();
    return arn;
  }

  private GlobalCluster describe(String region) {
    return clients
        .rds(region)
        .describeGlobalClusters(r -> r.globalClusterIdentifier(GLOBAL))
        .globalClusters()
        .get(0);
  }

  private GlobalCluster awaitStatus(String region, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    GlobalCluster cluster = describe(region);
    while (!cluster.status().equals(status) && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(200));
      cluster = describe(region);
    }
    assertThat(cluster.status()).isEqualTo(status);
    return cluster;
  }

  private static GlobalClusterMember member(GlobalCluster cluster, String arn) {
    return cluster.globalClusterMembers().stream()
        .filter(m -> m.dbClusterArn().equals(arn))
        .findFirst()
        .orElseThrow();
  }

  private static String writerOf(GlobalCluster cluster) {
    return cluster.globalClusterMembers().stream()
        .filter(GlobalClusterMember::isWriter)
        .map(GlobalClusterMember::dbClusterArn)
        .reduce((a, b) -> a + "," + b)
        .orElse(null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
