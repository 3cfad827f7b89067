package dev.regionfailover.devstack.estate;

import static dev.regionfailover.devstack.estate.DynamoTables.key;
import static dev.regionfailover.devstack.estate.DynamoTables.stringAttribute;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Creates a region's authority ledger table and its authority item, naming the writer region at
 * epoch 1. An existing item is kept, so that a second run does not undo a failover.
 */
final class LedgerProvisioner {

  /** The authority item's sort key; the contract with the authority activities. */
  private static final String AUTHORITY_SORT_KEY = "authority";

  private static final Logger log = LoggerFactory.getLogger(LedgerProvisioner.class);

  private final EmulatorClients clients;

  LedgerProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String region, String writer) {
    DynamoDbClient dynamo = clients.dynamo(region);
    String table = estate.authority().table();
    DynamoTables.createIfMissing(
        dynamo,
        CreateTableRequest.builder()
            .tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
            .attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"))
            .build());
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS(estate.app()),
            "sk", AttributeValue.fromS(AUTHORITY_SORT_KEY),
            "writerRegion", AttributeValue.fromS(writer),
            "epoch", AttributeValue.fromN("1"),
            "state", AttributeValue.fromS("ACTIVE"),
            "workflowId", AttributeValue.fromS("provisioned"),
            "updatedAt", AttributeValue.fromS(Instant.now().toString()),
            "reason", AttributeValue.fromS("initial state"));
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException e) {
      log.info("Authority item of {} already exists in {} {}", estate.app(), region, table);
    }
  }
}
