package dev.regionfailover.activities.pins;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.pins.CountRequest;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.SegmentCheckpoint;
import dev.regionfailover.workflows.pins.SegmentRequest;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The segmented re-pin ({@code countEntities}, {@code repinSegment}) against moto. */
@ExtendWith(AwsStackExtension.class)
class RepinSegmentTest {

  private static final String TABLE = "orders-tenants";
  private static final String INDEX = "homeRegion-index";
  private static final String AUDIT = "failover-authority";
  private static final String APP = "orders";
  private static final String PLAN = "failover-orders/run-1";
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final int PAGE = 10;

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private TestActivityEnvironment environment;
  private PinActivities activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new PinActivitiesImpl(clients));
    activities = environment.newActivityStub(PinActivities.class, TestActivities.once());
    createAuditTable();
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void pagingTheIndexWhileMovingItsEntriesSkipsNone() {
    // moto's Query treats ExclusiveStartKey as a position, as DynamoDB does, so a cursor stays
    // valid when the entries before it (including its own) leave the index.
    createTable(ProjectionType.ALL);
    tenants(0, 95, EAST);
    Set<String> seen = new HashSet<>();
    Map<String, AttributeValue> cursor = null;
    do {
      Map<String, AttributeValue> start = cursor;
      QueryResponse page =
          dynamo()
              .query(
                  b ->
                      b.tableName(TABLE)
                          .indexName(INDEX)
                          .keyConditionExpression("homeRegion = :east")
                          .expressionAttributeValues(Map.of(":east", AttributeValue.fromS(EAST)))
                          .limit(PAGE)
                          .exclusiveStartKey(start));
      for (Map<String, AttributeValue> item : page.items()) {
        seen.add(item.get("tenantId").s());
        dynamo()
            .updateItem(
                b ->
                    b.tableName(TABLE)
                        .key(Map.of("tenantId", item.get("tenantId")))
                        .updateExpression("SET homeRegion = :west")
                        .expressionAttributeValues(Map.of(":west", AttributeValue.fromS(WEST))));
      }
      cursor = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (cursor != null && !cursor.isEmpty());

    assertThat(seen).hasSize(95);
  }

  @Test
  void segmentsPartitionTheEntitiesAndTheAuditTrailRecordsEveryMove() {
    createTable(ProjectionType.ALL);
    tenants(0, 300, EAST);
    tenants(300, 320, WEST);
    Pins pins = pins(4);

    assertThat(activities.countEntities(new CountRequest(pins, WEST, EAST)).entities())
        .isEqualTo(300);
    long moved = 0;
    for (int segment = 0; segment < 4; segment++) {
      SegmentCheckpoint end =
          activities.repinSegment(request(pins, SegmentCheckpoint.start(segment), 0));
      int own = segment;
      long owned = IntStream.range(0, 300).filter(i -> segmentOf("tenant-" + i, 4) == own).count();
      assertThat(end.done()).isTrue();
      assertThat(end.moved()).as("segment %s", segment).isEqualTo(owned);
      assertThat(end.writes()).isEqualTo(owned);
      assertThat(end.retried()).isZero();
      assertThat(end.cursor()).isEmpty();
      assertThat(auditKeys(segment))
          .allSatisfy(id -> assertThat(segmentOf(id, 4)).isEqualTo(own))
          .hasSize((int) owned);
      moved += end.moved();
    }

    assertThat(moved).isEqualTo(300);
    assertThat(stack.standIn().count(WEST, "UpdateItem")).isEqualTo(300);
    assertThat(activities.countEntities(new CountRequest(pins, WEST, EAST)).entities()).isZero();
    Map<String, Map<String, AttributeValue>> items = items();
    assertThat(items.values())
        .allSatisfy(item -> assertThat(item.get("homeRegion").s()).isEqualTo(WEST));
    assertThat(items.get("tenant-0").get("version").n()).isEqualTo("8");
    assertThat(items.get("tenant-310").get("version").n()).isEqualTo("7");
    assertThat(auditRecords())
        .allSatisfy(record -> assertThat(record.get("state").s()).isEqualTo(RepinAudit.DONE))
        .extracting(record -> Long.parseLong(record.get("count").n()))
        .allSatisfy(count -> assertThat(count).isBetween(1L, (long) PAGE));
    assertThat(auditKeys()).hasSize(300);
  }

  @Test
  void aStepWithinItsBudgetLeavesACheckpointTheNextStepResumesFrom() {
    createTable(ProjectionType.ALL);
    tenants(0, 200, EAST);
    Pins pins = pins(2);
    long owned = IntStream.range(0, 200).filter(i -> segmentOf("tenant-" + i, 2) == 1).count();

    SegmentCheckpoint first = activities.repinSegment(request(pins, SegmentCheckpoint.start(1), 2));

    assertThat(first.done()).isFalse();
    assertThat(first.cursor()).isNotEmpty();
    assertThat(first.moved()).isPositive().isLessThan(owned);
    SegmentCheckpoint last = activities.repinSegment(request(pins, first, 0));
    assertThat(last.done()).isTrue();
    assertThat(last.moved()).isEqualTo(owned);
    assertThat(last.nextBatch()).isEqualTo(auditRecords().size());
    assertThat(stack.standIn().count(WEST, "UpdateItem")).isEqualTo(owned);
  }

  @Test
  void aRetryFromAStaleHeartbeatCountsTheCommittedBatchesOnceAndRewritesNothing() {
    createTable(ProjectionType.ALL);
    tenants(0, 120, EAST);
    Pins pins = pins(1);
    SegmentCheckpoint committed =
        activities.repinSegment(request(pins, SegmentCheckpoint.start(0), 3));
    assertThat(committed.moved()).isEqualTo(3 * PAGE);
    long updates = stack.standIn().count(WEST, "UpdateItem");

    // The attempt died before Temporal recorded any heartbeat: the retry starts from scratch.
    environment.setHeartbeatDetails(SegmentCheckpoint.start(0));
    SegmentCheckpoint end = activities.repinSegment(request(pins, SegmentCheckpoint.start(0), 0));

    assertThat(end.moved()).isEqualTo(120);
    assertThat(end.nextBatch()).isEqualTo(12);
    assertThat(stack.standIn().count(WEST, "UpdateItem") - updates).isEqualTo(120 - 3 * PAGE);
    assertThat(auditKeys()).hasSize(120).doesNotHaveDuplicates();
  }

  @Test
  void aBatchLeftPendingByACrashIsFinishedOnResume() {
    createTable(ProjectionType.ALL);
    tenants(0, 5, EAST);
    Pins pins = pins(1);
    // An attempt wrote ahead its batch of three, moved tenant-0, and died.
    List<AttributeValue> candidates = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      candidates.add(
          AttributeValue.fromM(
              Map.of(
                  "key",
                      AttributeValue.fromM(Map.of("tenantId", AttributeValue.fromS("tenant-" + i))),
                  "version", AttributeValue.fromN("7"))));
    }
    Map<String, AttributeValue> pending = new HashMap<>();
    pending.put("pk", AttributeValue.fromS(APP));
    pending.put("sk", AttributeValue.fromS(RepinAudit.sortKey(PLAN, 0, 0)));
    pending.put("state", AttributeValue.fromS(RepinAudit.PENDING));
    pending.put("batch", AttributeValue.fromN("0"));
    pending.put("candidates", AttributeValue.fromL(candidates));
    dynamo().putItem(b -> b.tableName(AUDIT).item(pending));
    dynamo()
        .updateItem(
            b ->
                b.tableName(TABLE)
                    .key(Map.of("tenantId", AttributeValue.fromS("tenant-0")))
                    .updateExpression("SET homeRegion = :west ADD version :one")
                    .expressionAttributeValues(
                        Map.of(
                            ":west",
                            AttributeValue.fromS(WEST),
                            ":one",
                            AttributeValue.fromN("1"))));

    SegmentCheckpoint end = activities.repinSegment(request(pins, SegmentCheckpoint.start(0), 0));

    assertThat(end.moved()).isEqualTo(5);
    assertThat(end.nextBatch()).isEqualTo(2);
    Map<String, AttributeValue> first = auditRecords().get(0);
    assertThat(first.get("state").s()).isEqualTo(RepinAudit.DONE);
    assertThat(first.get("count").n()).isEqualTo("3");
    assertThat(auditKeys())
        .containsExactlyInAnyOrder("tenant-0", "tenant-1", "tenant-2", "tenant-3", "tenant-4");
    assertThat(items().values())
        .allSatisfy(
            item -> {
              assertThat(item.get("homeRegion").s()).isEqualTo(WEST);
              assertThat(item.get("version").n()).isEqualTo("8");
            });
  }

  @Test
  void entitiesChangedBetweenTheirReadAndTheirMoveAreRetriedNeverOverwritten() {
    createTable(ProjectionType.ALL);
    tenants(0, 60, EAST);
    Pins pins = pins(1);
    Set<String> changed = Set.of("tenant-3", "tenant-17", "tenant-18", "tenant-44");
    DynamoDbClient changing = new ChangingClient(clients.dynamo(WEST), changed);
    TableShape shape = new PinActivitiesImpl(clients).shape(pins, WEST);

    SegmentCheckpoint end =
        new SegmentMover(
                changing,
                request(pins, SegmentCheckpoint.start(0), 0),
                shape,
                SegmentCheckpoint.start(0),
                c -> {})
            .run();

    assertThat(end.moved()).isEqualTo(60);
    assertThat(end.retried()).isEqualTo(changed.size());
    assertThat(end.writes()).isEqualTo(60 + changed.size());
    Map<String, Map<String, AttributeValue>> items = items();
    assertThat(items.values())
        .allSatisfy(item -> assertThat(item.get("homeRegion").s()).isEqualTo(WEST));
    for (String id : changed) {
      // The application's change survived, and the move came on top of it: 7 -> 8 -> 9.
      assertThat(items.get(id).get("name").s()).isEqualTo("changed by the application");
      assertThat(items.get(id).get("version").n()).isEqualTo("9");
    }
    assertThat(items.get("tenant-0").get("version").n()).isEqualTo("8");
    assertThat(auditKeys()).hasSize(60);
  }

  @Test
  void anIndexWithoutTheVersionReadsEachEntityFirst() {
    createTable(ProjectionType.KEYS_ONLY);
    tenants(0, 25, EAST);

    SegmentCheckpoint end =
        activities.repinSegment(request(pins(1), SegmentCheckpoint.start(0), 0));

    assertThat(end.moved()).isEqualTo(25);
    assertThat(end.retried()).isZero();
    assertThat(items().values())
        .allSatisfy(item -> assertThat(item.get("version").n()).isEqualTo("8"));
  }

  @Test
  void aMissingIndexIsNonRetryableAndNamed() {
    createTable(ProjectionType.ALL);
    Pins wrong = new Pins(TABLE, "homeRegion", "home-index", "version", 2, PAGE);

    ApplicationFailure segment =
        nonRetryable(() -> activities.repinSegment(request(wrong, SegmentCheckpoint.start(0), 0)));
    ApplicationFailure count =
        nonRetryable(() -> activities.countEntities(new CountRequest(wrong, WEST, EAST)));

    for (ApplicationFailure failure : List.of(segment, count)) {
      assertThat(failure.getType()).isEqualTo(PinActivitiesImpl.INVALID_PINS);
      assertThat(failure.getOriginalMessage())
          .isEqualTo(
              "table orders-tenants in us-west-2 has no index home-index (indexes:"
                  + " [homeRegion-index])");
    }
  }

  private static SegmentRequest request(Pins pins, SegmentCheckpoint checkpoint, int maxPages) {
    return new SegmentRequest(
        APP, PLAN, pins, WEST, EAST, WEST, AUDIT, pins.segments(), checkpoint, maxPages, 0);
  }

  private static Pins pins(int segments) {
    return new Pins(TABLE, "homeRegion", INDEX, "version", segments, PAGE);
  }

  private static int segmentOf(String id, int segments) {
    return SegmentMover.segmentOf(Map.of("tenantId", AttributeValue.fromS(id)), segments);
  }

  private DynamoDbClient dynamo() {
    return emulator.dynamo(WEST);
  }

  private void createAuditTable() {
    dynamo()
        .createTable(
            b ->
                b.tableName(AUDIT)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
  }

  private void createTable(ProjectionType projection) {
    dynamo()
        .createTable(
            b ->
                b.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH))
                    .attributeDefinitions(
                        a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("homeRegion").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexes(
                        i ->
                            i.indexName(INDEX)
                                .keySchema(k -> k.attributeName("homeRegion").keyType(KeyType.HASH))
                                .projection(p -> p.projectionType(projection))));
  }

  /** Tenants {@code from} (inclusive) to {@code to} (exclusive), all at version 7. */
  private void tenants(int from, int to, String home) {
    for (int batch = from; batch < to; batch += 25) {
      List<WriteRequest> writes = new ArrayList<>();
      for (int i = batch; i < Math.min(to, batch + 25); i++) {
        Map<String, AttributeValue> item =
            Map.of(
                "tenantId", AttributeValue.fromS("tenant-" + i),
                "homeRegion", AttributeValue.fromS(home),
                "version", AttributeValue.fromN("7"),
                "name", AttributeValue.fromS("Tenant " + i));
        writes.add(WriteRequest.builder().putRequest(put -> put.item(item)).build());
      }
      dynamo().batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes)));
    }
  }

  private Map<String, Map<String, AttributeValue>> items() {
    return dynamo().scanPaginator(b -> b.tableName(TABLE)).items().stream()
        .collect(Collectors.toMap(item -> item.get("tenantId").s(), item -> item));
  }

  private List<Map<String, AttributeValue>> auditRecords() {
    return dynamo()
        .queryPaginator(
            b ->
                b.tableName(AUDIT)
                    .keyConditionExpression("pk = :app AND begins_with(sk, :repin)")
                    .expressionAttributeValues(
                        Map.of(
                            ":app", AttributeValue.fromS(APP),
                            ":repin", AttributeValue.fromS("repin#" + PLAN + "#"))))
        .items()
        .stream()
        .toList();
  }

  private List<String> auditKeys() {
    return auditRecords().stream()
        .flatMap(record -> record.get("keys").l().stream())
        .map(key -> key.m().get("tenantId").s())
        .toList();
  }

  private List<String> auditKeys(int segment) {
    return auditRecords().stream()
        .filter(record -> record.get("segment").n().equals(Integer.toString(segment)))
        .flatMap(record -> record.get("keys").l().stream())
        .map(key -> key.m().get("tenantId").s())
        .toList();
  }

  /**
   * The application, changing some entities between the moment the re-pin reads them from the index
   * and the moment it updates them: each is changed once, right after the first query that returns
   * it.
   */
  private static final class ChangingClient implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final Set<String> pending;

    ChangingClient(DynamoDbClient delegate, Set<String> changed) {
      this.delegate = delegate;
      this.pending = new HashSet<>(changed);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      QueryResponse response = delegate.query(request);
      if (request.indexName() != null) {
        for (Map<String, AttributeValue> item : response.items()) {
          if (pending.remove(item.get("tenantId").s())) {
            delegate.updateItem(
                b ->
                    b.tableName(TABLE)
                        .key(Map.of("tenantId", item.get("tenantId")))
                        .updateExpression("SET #name = :name ADD version :one")
                        .expressionAttributeNames(Map.of("#name", "name"))
                        .expressionAttributeValues(
                            Map.of(
                                ":name", AttributeValue.fromS("changed by the application"),
                                ":one", AttributeValue.fromN("1"))));
          }
        }
      }
      return response;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      return delegate.updateItem(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      return delegate.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      return delegate.putItem(request);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }
}
