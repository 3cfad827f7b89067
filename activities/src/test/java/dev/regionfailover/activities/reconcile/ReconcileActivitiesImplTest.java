package dev.regionfailover.activities.reconcile;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aurora.AuroraActivitiesImpl;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.TopologyRequest;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.reconcile.ConflictRequest;
import dev.regionfailover.workflows.reconcile.ItemConflict;
import dev.regionfailover.workflows.reconcile.LedgerForwardRequest;
import dev.regionfailover.workflows.reconcile.ProbeRequest;
import dev.regionfailover.workflows.reconcile.QueueBacklog;
import dev.regionfailover.workflows.reconcile.ReconcileActivities;
import dev.regionfailover.workflows.reconcile.ReconcileOutcome;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.ReconcileSection;
import dev.regionfailover.workflows.reconcile.RedriveRequest;
import dev.regionfailover.workflows.reconcile.RedriveResult;
import dev.regionfailover.workflows.reconcile.StoreReportRequest;
import dev.regionfailover.workflows.reconcile.StrandedRequest;
import dev.regionfailover.workflows.reconcile.TableConflicts;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(AwsStackExtension.class)
class ReconcileActivitiesImplTest {

  private static final String OLD = "us-east-1";
  private static final String WRITER = "us-west-2";
  private static final String GLOBAL = "orders-global";
  private static final String USE1 = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String USW2 = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";
  private static final String AUTHORITY = "failover-authority";
  private static final ReplicatedTable CARTS =
      new ReplicatedTable("orders-carts", "version", "lastWriterRegion");

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private TestActivityEnvironment environment;
  private ReconcileActivities activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    clients = EmulatedAws.clients(stack);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new ReconcileActivitiesImpl(clients));
    activities = environment.newActivityStub(ReconcileActivities.class, TestActivities.once());
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void itemsWrittenInBothRegionsAreConflictsWithBothVersions() {
    for (String region : List.of(OLD, WRITER)) {
      table(region, "orders-carts", "id");
    }
    cart(OLD, "cart-1", 1, OLD, null);
    cart(WRITER, "cart-1", 1, OLD, null);
    // Both replicas at version 3, each written by its own region: last-writer-wins kept one.
    cart(OLD, "cart-2", 3, OLD, null);
    cart(WRITER, "cart-2", 3, WRITER, null);
    cart(OLD, "cart-3", 2, OLD, null);
    cart(WRITER, "cart-3", 4, WRITER, null);
    // Written in the old region only, and never replicated.
    cart(OLD, "cart-4", 1, OLD, null);
    // Different, but both replicas were last written before the failover window.
    cart(OLD, "cart-5", 1, OLD, "1600000000.5");
    cart(WRITER, "cart-5", 2, WRITER, "1600000001.0");
    long window = 1_700_000_000_000L;

    TableConflicts all =
        activities.findConflicts(new ConflictRequest(CARTS, OLD, WRITER, window, 100));
    TableConflicts capped =
        activities.findConflicts(new ConflictRequest(CARTS, OLD, WRITER, window, 1));
    TableConflicts unwindowed =
        activities.findConflicts(new ConflictRequest(CARTS, OLD, WRITER, 0, 100));

    assertThat(all.compared()).isEqualTo(5);
    assertThat(all.total()).isEqualTo(2);
    assertThat(all.onlyInOldRegion()).isEqualTo(1);
    assertThat(all.listed())
        .containsExactlyInAnyOrder(
            new ItemConflict(
                "id=\"cart-2\"",
                "{id=\"cart-2\", lastWriterRegion=\"us-east-1\", version=3}",
                "{id=\"cart-2\", lastWriterRegion=\"us-west-2\", version=3}",
                "lastWriterRegion \"us-east-1\" vs \"us-west-2\""),
            new ItemConflict(
                "id=\"cart-3\"",
                "{id=\"cart-3\", lastWriterRegion=\"us-east-1\", version=2}",
                "{id=\"cart-3\", lastWriterRegion=\"us-west-2\", version=4}",
                "version 2 vs 4; lastWriterRegion \"us-east-1\" vs \"us-west-2\""));
    assertThat(capped.total()).isEqualTo(2);
    assertThat(capped.listed()).hasSize(1);
    assertThat(unwindowed.total()).isEqualTo(3);
  }

  @Test
  void strandedMessagesAreCountedPerQueueAndDeadLetterQueue() {
    String queue = queue(OLD, "orders-fulfilment");
    String dlq = queue(OLD, "orders-fulfilment-dlq");
    send(OLD, queue, 3);
    send(OLD, dlq, 2);
    emulator.sqs(OLD).receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1));

    List<QueueBacklog> counted =
        activities
            .countStranded(
                new StrandedRequest(
                    OLD,
                    List.of(
                        new QueueRef("orders-fulfilment", "orders-fulfilment-dlq", true),
                        new QueueRef("orders-audit", null, false))))
            .queues();

    assertThat(counted)
        .containsExactly(
            new QueueBacklog(OLD, "orders-fulfilment", false, 2, 1, 0, false),
            new QueueBacklog(OLD, "orders-fulfilment-dlq", true, 2, 0, 0, false),
            new QueueBacklog(OLD, "orders-audit", false, 0, 0, 0, true));
  }

  @Test
  void redriveMovesTheOldRegionsDeadLettersToTheWriterRegionsQueue() {
    String dlq = queue(OLD, "orders-fulfilment-dlq");
    String target = queue(WRITER, "orders-fulfilment");
    send(OLD, dlq, 12);

    RedriveResult result =
        activities.redriveDeadLetters(
            new RedriveRequest("orders-fulfilment-dlq", OLD, "orders-fulfilment", WRITER, 100));

    assertThat(result.moved()).isEqualTo(12);
    assertThat(result.remaining()).isZero();
    List<String> bodies = receiveAll(WRITER, target);
    assertThat(bodies).hasSize(12).contains("message-0", "message-11");
    assertThat(receiveAll(OLD, dlq)).isEmpty();
  }

  @Test
  void redriveToAMissingQueueIsNonRetryable() {
    queue(OLD, "orders-fulfilment-dlq");

    assertThat(
            nonRetryable(
                    () ->
                        activities.redriveDeadLetters(
                            new RedriveRequest(
                                "orders-fulfilment-dlq", OLD, "orders-fulfilment", WRITER, 100)))
                .getOriginalMessage())
        .isEqualTo("redrive target queue orders-fulfilment does not exist in us-west-2");
  }

  @Test
  void aProbeAnswersOnlyWhileTheRegionDoes() {
    ProbeRequest probe = new ProbeRequest(OLD, USE1);

    assertThat(activities.probeRegion(probe).answered()).isTrue();
    stack.standIn().faults().refuseRegion(OLD);
    assertThat(activities.probeRegion(probe).answered()).isFalse();
  }

  @Test
  void anOldPrimaryDetachedFromItsGlobalClusterIsNoMember() {
    globalDatabase();
    AuroraActivitiesImpl aurora = new AuroraActivitiesImpl(clients, Duration.ofMillis(100));
    TopologyRequest describe = new TopologyRequest(GLOBAL, List.of(WRITER, OLD));
    assertThat(aurora.describe(describe).isMember(USE1)).isTrue();

    emulator.standInApi().setDetached(GLOBAL, USE1, true);
    AuroraTopology detached = aurora.describe(describe);
    emulator.standInApi().setDetached(GLOBAL, USE1, false);
    AuroraTopology rejoined = aurora.describe(describe);

    assertThat(detached.members()).containsExactly(new ClusterMember(USW2, WRITER, false));
    assertThat(rejoined.members())
        .containsExactlyInAnyOrder(
            new ClusterMember(USE1, OLD, true), new ClusterMember(USW2, WRITER, false));
  }

  @Test
  void anOldLedgerCopyIsBroughtForwardOnceWithItsAuditItem() {
    for (String region : List.of(OLD, WRITER)) {
      table(region, AUTHORITY, "pk", "sk");
    }
    ledger(OLD, 2, "FENCED", null, "failover-orders-1");
    ledger(WRITER, 3, "ACTIVE", WRITER, "failover-orders-1");
    emulator
        .dynamo(WRITER)
        .putItem(
            b ->
                b.tableName(AUTHORITY)
                    .item(
                        Map.of(
                            "pk", s("orders"),
                            "sk", s("audit#00000000000000000003"),
                            "epoch", AttributeValue.fromN("3"),
                            "state", s("ACTIVE"),
                            "writerRegion", s(WRITER),
                            "workflowId", s("failover-orders-1"),
                            "reason", s("promote us-west-2"))));
    LedgerForwardRequest request =
        new LedgerForwardRequest("orders", AUTHORITY, OLD, WRITER, "reconcile-orders");

    Finding first = activities.bringLedgerForward(request);
    Finding second = activities.bringLedgerForward(request);

    assertThat(first.verdict()).isEqualTo(Verdict.PASS);
    assertThat(first.observed())
        .isEqualTo(
            "brought forward from epoch 2 FENCED writer none to epoch 3 (epoch 3 ACTIVE writer"
                + " us-west-2)");
    Map<String, AttributeValue> copy = item(OLD, "authority");
    assertThat(copy.get("epoch").n()).isEqualTo("3");
    assertThat(copy.get("state").s()).isEqualTo("ACTIVE");
    assertThat(copy.get("writerRegion").s()).isEqualTo(WRITER);
    Map<String, AttributeValue> audit = item(OLD, "audit#00000000000000000003");
    assertThat(audit.get("reason").s()).isEqualTo("promote us-west-2");
    assertThat(audit.get("broughtForwardBy").s()).isEqualTo("reconcile-orders");
    assertThat(audit.get("broughtForwardFrom").n()).isEqualTo("2");
    assertThat(second.verdict()).isEqualTo(Verdict.PASS);
    assertThat(second.observed()).isEqualTo("already current: epoch 3 ACTIVE writer us-west-2");
  }

  @Test
  void anOldLedgerCopyAheadOfTheWriterIsNonRetryable() {
    for (String region : List.of(OLD, WRITER)) {
      table(region, AUTHORITY, "pk", "sk");
    }
    ledger(OLD, 4, "ACTIVE", OLD, "someone-else");
    ledger(WRITER, 3, "ACTIVE", WRITER, "failover-orders-1");

    assertThat(
            nonRetryable(
                    () ->
                        activities.bringLedgerForward(
                            new LedgerForwardRequest(
                                "orders", AUTHORITY, OLD, WRITER, "reconcile-orders")))
                .getOriginalMessage())
        .contains("is ahead of us-west-2's: epoch 4 ACTIVE writer us-east-1 vs epoch 3");
    assertThat(item(OLD, "authority").get("epoch").n()).isEqualTo("4");
  }

  @Test
  void theReportIsStoredAsJsonAndMarkdown() {
    table(WRITER, AUTHORITY, "pk", "sk");
    ReconcileReport report =
        new ReconcileReport(
            "orders",
            "reconcile-orders",
            OLD,
            WRITER,
            "failover-orders",
            "alice",
            ReconcileOutcome.NEEDS_ATTENTION,
            "1 failed and 0 warning finding(s) need an operator",
            "2026-01-01T00:00:00Z",
            null,
            "2026-01-01T00:05:00Z",
            "probe 2",
            "2026-01-01T00:06:00Z",
            List.of(
                new ReconcileSection(
                    "Aurora",
                    List.of(
                        Finding.fail(
                            "aurora-old-primary-rejoined", USE1, "not a member", "secondary")))),
            List.of(),
            List.of(),
            List.of(),
            null);

    String key =
        activities.storeReport(
            new StoreReportRequest(AUTHORITY, WRITER, 1_767_225_600_000L, report));

    assertThat(key).isEqualTo("reconcile#00000001767225600000");
    Map<String, AttributeValue> item = item(WRITER, key);
    assertThat(item.get("outcome").s()).isEqualTo("NEEDS_ATTENTION");
    assertThat(item.get("report").s())
        .contains("\"auditKey\":\"reconcile#00000001767225600000\"")
        .contains("\"check\":\"aurora-old-primary-rejoined\"");
    assertThat(item.get("markdown").s())
        .startsWith("# Reconcile report: orders (us-east-1 -> us-west-2)")
        .contains("- **FAIL** aurora-old-primary-rejoined (" + USE1 + "): observed not a member");
  }

  private void globalDatabase() {
    emulator
        .rds(OLD)
        .createGlobalCluster(
            b ->
                b.globalClusterIdentifier(GLOBAL)
                    .engine("aurora-postgresql")
                    .engineVersion("15.4"));
    emulator
        .rds(OLD)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-use1")
                    .engine("aurora-postgresql")
                    .engineVersion("15.4")
                    .masterUsername("orders")
                    .masterUserPassword("orders-password")
                    .globalClusterIdentifier(GLOBAL));
    emulator
        .rds(WRITER)
        .createDBCluster(
            b ->
                b.dbClusterIdentifier("orders-usw2")
                    .engine("aurora-postgresql")
                    .engineVersion("15.4")
                    .globalClusterIdentifier(GLOBAL));
  }

  private void table(String region, String name, String hash, String... range) {
    List<KeySchemaElement> keys =
        new ArrayList<>(
            List.of(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build()));
    List<AttributeDefinition> attributes =
        new ArrayList<>(
            List.of(
                AttributeDefinition.builder()
                    .attributeName(hash)
                    .attributeType(ScalarAttributeType.S)
                    .build()));
    for (String sort : range) {
      keys.add(KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build());
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(sort)
              .attributeType(ScalarAttributeType.S)
              .build());
    }
    emulator
        .dynamo(region)
        .createTable(
            b ->
                b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keys)
                    .attributeDefinitions(attributes));
  }

  private void cart(String region, String id, int version, String writer, String replicatedAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", s(id));
    item.put("version", AttributeValue.fromN(Integer.toString(version)));
    item.put("lastWriterRegion", s(writer));
    if (replicatedAt != null) {
      item.put(ReconcileActivitiesImpl.REPLICATION_TIME, AttributeValue.fromN(replicatedAt));
    }
    emulator.dynamo(region).putItem(b -> b.tableName("orders-carts").item(item));
  }

  private void ledger(String region, long epoch, String state, String writer, String workflow) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("orders"));
    item.put("sk", s("authority"));
    item.put("epoch", AttributeValue.fromN(Long.toString(epoch)));
    item.put("state", s(state));
    item.put("workflowId", s(workflow));
    item.put("updatedAt", s("2026-01-01T00:00:00Z"));
    if (writer != null) {
      item.put("writerRegion", s(writer));
    }
    emulator.dynamo(region).putItem(b -> b.tableName(AUTHORITY).item(item));
  }

  private Map<String, AttributeValue> item(String region, String sk) {
    return emulator
        .dynamo(region)
        .getItem(b -> b.tableName(AUTHORITY).key(Map.of("pk", s("orders"), "sk", s(sk))))
        .item();
  }

  private String queue(String region, String name) {
    return emulator.sqs(region).createQueue(b -> b.queueName(name)).queueUrl();
  }

  private void send(String region, String url, int count) {
    for (int i = 0; i < count; i++) {
      String body = "message-" + i;
      emulator.sqs(region).sendMessage(b -> b.queueUrl(url).messageBody(body));
    }
  }

  private List<String> receiveAll(String region, String url) {
    List<String> bodies = new ArrayList<>();
    while (true) {
      List<Message> messages =
          emulator
              .sqs(region)
              .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60))
              .messages();
      if (messages.isEmpty()) {
        return bodies;
      }
      messages.forEach(m -> bodies.add(m.body()));
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
