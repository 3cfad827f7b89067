package dev.regionfailover.devstack.estate;

import static dev.regionfailover.devstack.estate.DynamoTables.key;
import static dev.regionfailover.devstack.estate.DynamoTables.stringAttribute;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Pins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Creates a region's pins table with its home-region index, and seeds it with pinned entities homed
 * alternately in the estate's first and second region.
 */
final class PinsProvisioner {

  private static final Logger log = LoggerFactory.getLogger(PinsProvisioner.class);
  private static final int BATCH_SIZE = 25;

  private final EmulatorClients clients;

  PinsProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Pins pins, List<String> regions, String region, int entities) {
    DynamoDbClient dynamo = clients.dynamo(region);
    DynamoTables.createIfMissing(
        dynamo,
        CreateTableRequest.builder()
            .tableName(pins.table())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(key("id", KeyType.HASH))
            .attributeDefinitions(
                stringAttribute("id"), stringAttribute(pins.homeRegionAttribute()))
            .globalSecondaryIndexes(
                GlobalSecondaryIndex.builder()
                    .indexName(pins.index())
                    .keySchema(key(pins.homeRegionAttribute(), KeyType.HASH))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build())
            .build());
    List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
    for (int i = 1; i <= entities; i++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("id", AttributeValue.fromS(entityId(i)));
      // Entities are homed in the regions in turn: odd and even ones alternate in two regions.
      item.put(
          pins.homeRegionAttribute(), AttributeValue.fromS(regions.get((i - 1) % regions.size())));
      if (pins.versionAttribute() != null) {
        item.put(pins.versionAttribute(), AttributeValue.fromN("1"));
      }
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == BATCH_SIZE || i == entities) {
        writeBatch(dynamo, pins.table(), batch);
        batch = new ArrayList<>(BATCH_SIZE);
      }
    }
    log.info("Seeded {} entities into {} {}", entities, region, pins.table());
  }

  /** The id of the {@code n}th seeded entity, counting from 1: {@code tenant-00001}. */
  private static String entityId(int n) {
    return String.format("tenant-%05d", n);
  }

  private static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
    }
  }
}
