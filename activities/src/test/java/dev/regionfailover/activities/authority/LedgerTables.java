package dev.regionfailover.activities.authority;

import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Creates a copy of the authority ledger table in the emulator, keyed as the ledger is. */
public final class LedgerTables {

  private LedgerTables() {}

  public static void create(DynamoDbClient dynamo, String table) {
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
   * Deletes {@code items} (only their keys are used) from the table. Keeps the table small, which
   * matters to moto: it copies a whole table before each item of a {@code TransactWriteItems}, so a
   * transaction costs time in proportion to the items left over from earlier apps.
   */
  static void delete(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
    // BatchWriteItem takes at most 25 requests.
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> deletes =
          items.subList(from, Math.min(from + 25, items.size())).stream()
              .map(item -> Map.of("pk", item.get("pk"), "sk", item.get("sk")))
              .map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build())
              .toList();
      dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, deletes)));
    }
  }

  /**
   * Writes the ledger item and audit item that {@code transition} writes, straight into the copy
   * behind {@code dynamo}, whatever is there: how a test starts an app's ledger in one request.
   */
  static void seed(DynamoDbClient dynamo, AuthorityTransition transition) {
    AttributeValue at = AttributeValue.fromS(Instant.now().toString());
    Map<String, AttributeValue> ledger =
        LedgerTable.ledgerItem(
            transition.app(),
            transition.newEpoch(),
            transition.state().name(),
            transition.workflowId(),
            at.s(),
            transition.writerRegion(),
            transition.reason());
    List<WriteRequest> puts =
        List.of(ledger, LedgerTable.auditOf(ledger, at)).stream()
            .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
            .toList();
    dynamo.batchWriteItem(b -> b.requestItems(Map.of(transition.table(), puts)));
  }
}
