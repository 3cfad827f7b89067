package dev.regionfailover.devstack.estate;

import static dev.regionfailover.devstack.estate.DynamoTables.key;
import static dev.regionfailover.devstack.estate.DynamoTables.stringAttribute;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Creates the regional replica of each table reconciliation compares, keyed on {@value
 * #REPLICATED_TABLE_KEY}. moto does not replicate global tables, so each region's replica is a
 * table of its own that tests write directly.
 */
final class ReplicatedTableProvisioner {

  /** The hash key of every replicated table the provisioner creates. */
  private static final String REPLICATED_TABLE_KEY = "id";

  private final EmulatorClients clients;

  ReplicatedTableProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String region) {
    for (ReplicatedTable table : estate.reconcile().tables()) {
      DynamoTables.createIfMissing(
          clients.dynamo(region),
          CreateTableRequest.builder()
              .tableName(table.table())
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .keySchema(key(REPLICATED_TABLE_KEY, KeyType.HASH))
              .attributeDefinitions(stringAttribute(REPLICATED_TABLE_KEY))
              .build());
    }
  }
}
