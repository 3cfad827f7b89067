package dev.regionfailover.activities.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** DynamoDB tables as DescribeTable reports them. */
public final class Tables {

  private final AwsClients clients;

  public Tables(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * The table, or empty when it does not exist. Other failures are the SDK's own, for callers that
   * judge them themselves (readiness turns them into findings).
   */
  public Optional<TableDescription> find(String region, String table) {
    return AwsFailures.unlessMissing(
        ResourceNotFoundException.class::isInstance,
        () -> clients.dynamo(region).describeTable(b -> b.tableName(table)).table());
  }

  /** The table, with failures (a missing table included) translated by {@link AwsFailures}. */
  public TableDescription describe(String region, String table) {
    return AwsFailures.call(
        "DescribeTable",
        "table " + table,
        region,
        () -> clients.dynamo(region).describeTable(b -> b.tableName(table)).table());
  }

  /** The names of the table's key attributes, as DescribeTable lists them. */
  public List<String> keyNames(String region, String table) {
    return describe(region, table).keySchema().stream()
        .map(KeySchemaElement::attributeName)
        .toList();
  }
}
