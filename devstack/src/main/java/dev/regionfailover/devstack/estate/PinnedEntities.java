package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Pins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A pins table of many entities in one region of the emulator, for re-pin tests and benchmarks:
 * entity {@code n} has key {@code id = entity-<n, 8 digits>}, a home region, version 1 and a small
 * payload. Seeding writes batches of 25 from several threads, since moto serves requests in
 * parallel far better than one by one.
 */
public final class PinnedEntities {

  private static final int BATCH_SIZE = 25;

  private final DynamoDbClient dynamo;
  private final Pins pins;

  public PinnedEntities(EmulatorClients clients, String region, Pins pins) {
    requireNonNull(clients, "clients is null");
    this.dynamo = clients.dynamo(requireNonNull(region, "region is null"));
    this.pins = requireNonNull(pins, "pins is null");
  }

  /** The key of entity {@code n}. */
  public static String entityId(int n) {
    return String.format("entity-%08d", n);
  }

  /** Creates the pins table, keyed on {@code id}, with its home-region index projecting all. */
  public void createTable() {
    dynamo.createTable(
        b ->
            b.tableName(pins.table())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                    a ->
                        a.attributeName(pins.homeRegionAttribute())
                            .attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexes(
                    i ->
                        i.indexName(pins.index())
                            .keySchema(
                                k ->
                                    k.attributeName(pins.homeRegionAttribute())
                                        .keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
  }

  /** Creates an authority (audit) table keyed on {@code pk} and {@code sk}. */
  public void createAuditTable(String table) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
  }

  /**
   * Writes entities {@code 1..count} at home in {@code home} at version 1, replacing whatever they
   * were.
   */
  public void seed(int count, String home, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int first = 1; first <= count; first += BATCH_SIZE) {
        int from = first;
        int to = Math.min(count, first + BATCH_SIZE - 1);
        writes.add(pool.submit(() -> writeBatch(from, to, home)));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding " + pins.table(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot seed " + pins.table(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeBatch(int from, int to, String home) {
    List<WriteRequest> batch =
        IntStream.rangeClosed(from, to)
            .mapToObj(
                n -> {
                  Map<String, AttributeValue> item = new HashMap<>();
                  item.put("id", AttributeValue.fromS(entityId(n)));
                  item.put(pins.homeRegionAttribute(), AttributeValue.fromS(home));
                  item.put(pins.versionAttribute(), AttributeValue.fromN("1"));
                  item.put("name", AttributeValue.fromS("Entity " + n));
                  return WriteRequest.builder().putRequest(p -> p.item(item)).build();
                })
            .toList();
    Map<String, List<WriteRequest>> pending = Map.of(pins.table(), batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
    }
  }

  /** Every entity of the table, by id. */
  public Map<String, Map<String, AttributeValue>> items() {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(pins.table()))
        .items()
        .forEach(item -> items.put(item.get("id").s(), item));
    return items;
  }

  /** The audit records of the re-pin {@code planId} of {@code app} in {@code table}. */
  public List<Map<String, AttributeValue>> auditRecords(String table, String app, String planId) {
    return dynamo
        .queryPaginator(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :app AND begins_with(sk, :repin)")
                    .expressionAttributeValues(
                        Map.of(
                            ":app", AttributeValue.fromS(app),
                            ":repin", AttributeValue.fromS("repin#" + planId + "#"))))
        .items()
        .stream()
        .toList();
  }
}
