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
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.RepinRequest;
import dev.regionfailover.workflows.pins.RepinResult;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(AwsStackExtension.class)
class PinActivitiesImplTest {

  private static final String TABLE = "orders-tenants";
  private static final String INDEX = "homeRegion-index";
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final Pins PINS = new Pins(TABLE, "homeRegion", INDEX, "version");

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private PinActivitiesImpl activities;
  private TestActivityEnvironment environment;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities = new PinActivitiesImpl(clients, Duration.ofMillis(10));
    this.environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(activities);
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
  }

  @Test
  void repinMovesEveryEntityOfTheSourceAndHeartbeatsItsProgress() {
    createTable(ProjectionType.ALL);
    tenants(0, 210, EAST);
    tenants(210, 230, WEST);
    List<RepinResult> heartbeats = new CopyOnWriteArrayList<>();
    environment.setActivityHeartbeatListener(RepinResult.class, heartbeats::add);

    RepinResult result = stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));

    assertThat(result).isEqualTo(new RepinResult(210, 0));
    // Temporal throttles heartbeats, so only the first page's is sure to be sent during the test.
    assertThat(heartbeats).first().isEqualTo(new RepinResult(100, 0));
    Map<String, Map<String, AttributeValue>> items = items();
    assertThat(items).hasSize(230);
    assertThat(items.values())
        .allSatisfy(item -> assertThat(item.get("homeRegion").s()).isEqualTo(WEST));
    // Moved entities got a new version; those already at home in the target kept theirs.
    assertThat(items.get("tenant-0").get("version").n()).isEqualTo("8");
    assertThat(items.get("tenant-220").get("version").n()).isEqualTo("7");
    assertThat(items.get("tenant-0").get("name").s()).isEqualTo("Tenant 0");
  }

  @Test
  void indexWithoutTheVersionReadsEachItemFirst() {
    createTable(ProjectionType.KEYS_ONLY);
    tenants(0, 5, EAST);

    RepinResult result = stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));

    assertThat(result).isEqualTo(new RepinResult(5, 0));
    assertThat(items().values())
        .allSatisfy(item -> assertThat(item.get("version").n()).isEqualTo("8"));
  }

  @Test
  void retriedRepinFindsNothingLeftAndUpdatesNothing() {
    createTable(ProjectionType.ALL);
    tenants(0, 30, EAST);
    stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));
    long updates = stack.standIn().count("UpdateItem");

    RepinResult again = stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));

    assertThat(again).isEqualTo(new RepinResult(0, 0));
    assertThat(stack.standIn().count("UpdateItem")).isEqualTo(updates);
  }

  @Test
  void retryResumesTheCountsOfItsLastHeartbeat() {
    createTable(ProjectionType.ALL);
    tenants(0, 10, EAST);
    environment.setHeartbeatDetails(new RepinResult(140, 3));

    RepinResult result = stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));

    assertThat(result).isEqualTo(new RepinResult(150, 3));
  }

  @Test
  void concurrentRepinsMoveEachEntityExactlyOnce() {
    createTable(ProjectionType.ALL);
    tenants(0, 150, EAST);
    TestActivityEnvironment second = TestActivityEnvironment.newInstance();
    second.registerActivitiesImplementations(activities);
    try {
      PinActivities other = second.newActivityStub(PinActivities.class, TestActivities.once());
      CompletableFuture<RepinResult> racing =
          CompletableFuture.supplyAsync(
              () -> other.repin(new RepinRequest(PINS, WEST, EAST, WEST)));

      RepinResult mine = stub().repin(new RepinRequest(PINS, WEST, EAST, WEST));
      RepinResult theirs = racing.join();

      // moto checks a condition and applies the update without locking the item, so two racing
      // updates of one entity can both pass; DynamoDB never lets that happen. Either way each
      // entity ends moved once: home WEST and version 8 (seeded at 7), never 9.
      assertThat(mine.moved() + theirs.moved()).isBetween(150L, 155L);
      assertThat(items().values())
          .allSatisfy(
              item -> {
                assertThat(item.get("homeRegion").s()).isEqualTo(WEST);
                assertThat(item.get("version").n()).isEqualTo("8");
              });
    } finally {
      second.close();
    }
  }

  @Test
  void missingIndexIsNonRetryable() {
    createTable(ProjectionType.ALL);
    Pins wrongIndex = new Pins(TABLE, "homeRegion", "home-index", "version");

    ApplicationFailure failure =
        nonRetryable(() -> stub().repin(new RepinRequest(wrongIndex, WEST, EAST, WEST)));

    assertThat(failure.getType()).isEqualTo(PinActivitiesImpl.INVALID_PINS);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "table orders-tenants in us-west-2 has no index home-index (indexes:"
                + " [homeRegion-index])");
  }

  @Test
  void missingTableIsNonRetryable() {
    ApplicationFailure failure =
        nonRetryable(() -> stub().repin(new RepinRequest(PINS, WEST, EAST, WEST)));

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "DescribeTable on table orders-tenants in us-west-2 failed: ResourceNotFoundException");
  }

  private PinActivities stub() {
    return environment.newActivityStub(PinActivities.class, TestActivities.once());
  }

  private void createTable(ProjectionType projection) {
    emulator
        .dynamo(WEST)
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
      emulator.dynamo(WEST).batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes)));
    }
  }

  private Map<String, Map<String, AttributeValue>> items() {
    return emulator.dynamo(WEST).scanPaginator(b -> b.tableName(TABLE)).items().stream()
        .collect(Collectors.toMap(item -> item.get("tenantId").s(), item -> item));
  }
}
