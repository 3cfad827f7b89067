package dev.regionfailover.devstack.estate;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** What the provisioners of DynamoDB tables share: creating a table only where it is missing. */
final class DynamoTables {

  private DynamoTables() {}

  /**
   * Creates the table {@code request} describes unless one of its name exists, and waits for it.
   */
  static void createIfMissing(DynamoDbClient dynamo, CreateTableRequest request) {
    try {
      dynamo.describeTable(r -> r.tableName(request.tableName()));
    } catch (ResourceNotFoundException e) {
      dynamo.createTable(request);
      dynamo.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
    }
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
