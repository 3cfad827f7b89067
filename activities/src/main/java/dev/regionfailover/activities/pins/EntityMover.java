package dev.regionfailover.activities.pins;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.Pins;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Moves single entities of a pins table from one home region to another: {@code SET home = to ADD
 * version 1} only if the entity is still at home in {@code from} at the version last read. A lost
 * condition means the application changed the entity meanwhile; it is read again and moved at its
 * new version, so no change is ever overwritten. Counts the updates it sends and the conditions it
 * lost. Not thread-safe: one mover per activity call or loop thread.
 */
final class EntityMover {

  /** What became of one entity. */
  enum Move {
    /** This mover's conditional update moved it. */
    UPDATED,
    /**
     * It was found moved at the version after the one expected: this mover's own update, which the
     * SDK sent again after its response was lost, when no other mover works on the same entities.
     */
    FOUND_UPDATED,
    /** It is gone, or at home in a region other than the source. */
    NOT_AT_HOME
  }

  private static final int MAX_ATTEMPTS_PER_ENTITY = 10;
  private static final AttributeValue ONE = AttributeValue.fromN("1");

  private final DynamoDbClient dynamo;
  private final Pins pins;
  private final String region;
  private final AttributeValue from;
  private final AttributeValue to;

  private long writes;
  private long retried;

  EntityMover(DynamoDbClient dynamo, Pins pins, String region, String fromRegion, String toRegion) {
    this.dynamo = requireNonNull(dynamo, "dynamo is null");
    this.pins = requireNonNull(pins, "pins is null");
    this.region = requireNonNull(region, "region is null");
    this.from = AttributeValue.fromS(fromRegion);
    this.to = AttributeValue.fromS(toRegion);
  }

  /**
   * Moves one entity if it is still at home in {@code from}, starting from {@code version} (null
   * when the entity has none or the table is not versioned) and retrying at the version it shows
   * after each lost condition.
   *
   * @return what became of it
   */
  Move move(Map<String, AttributeValue> key, AttributeValue version) {
    AttributeValue expected = version;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS_PER_ENTITY; attempt++) {
      writes++;
      if (update(key, expected)) {
        return Move.UPDATED;
      }
      retried++;
      Map<String, AttributeValue> item = read(key);
      if (item == null) {
        return Move.NOT_AT_HOME;
      }
      AttributeValue home = item.get(pins.homeRegionAttribute());
      if (to.equals(home)) {
        // Only a re-pin moves an entity between regions, so the version tells whether this is the
        // update that was just sent.
        return pins.versionAttribute() == null
                || isSuccessor(item.get(pins.versionAttribute()), expected)
            ? Move.FOUND_UPDATED
            : Move.NOT_AT_HOME;
      }
      if (!from.equals(home)) {
        return Move.NOT_AT_HOME;
      }
      expected = pins.versionAttribute() == null ? null : item.get(pins.versionAttribute());
    }
    throw ApplicationFailure.newFailure(
        "entity "
            + key
            + " of table "
            + pins.table()
            + " changed during each of "
            + MAX_ATTEMPTS_PER_ENTITY
            + " attempts to re-pin it; a retry resumes",
        "PinContention");
  }

  /** The entity by a consistent read, or null when there is none. */
  Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item =
        AwsFailures.call(
            "GetItem",
            "entity " + key + " of table " + pins.table(),
            region,
            () ->
                dynamo
                    .getItem(b -> b.tableName(pins.table()).key(key).consistentRead(true))
                    .item());
    return item == null || item.isEmpty() ? null : item;
  }

  /** The conditional updates sent so far. */
  long writes() {
    return writes;
  }

  /** The conditions lost so far to a concurrent change. */
  long retried() {
    return retried;
  }

  private static boolean isSuccessor(AttributeValue now, AttributeValue before) {
    if (now == null || now.n() == null) {
      return false;
    }
    BigDecimal previous = before == null ? BigDecimal.ZERO : new BigDecimal(before.n());
    return new BigDecimal(now.n()).compareTo(previous.add(BigDecimal.ONE)) == 0;
  }

  private boolean update(Map<String, AttributeValue> key, AttributeValue version) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#home", pins.homeRegionAttribute());
    values.put(":from", from);
    values.put(":to", to);
    String condition = "#home = :from";
    String update = "SET #home = :to";
    if (pins.versionAttribute() != null) {
      names.put("#version", pins.versionAttribute());
      values.put(":one", ONE);
      if (version == null) {
        condition += " AND attribute_not_exists(#version)";
      } else {
        condition += " AND #version = :version";
        values.put(":version", version);
      }
      update += " ADD #version :one";
    }
    String finalCondition = condition;
    String finalUpdate = update;
    return AwsFailures.call(
        "UpdateItem",
        "entity " + key + " of table " + pins.table(),
        region,
        () -> {
          try {
            dynamo.updateItem(
                b ->
                    b.tableName(pins.table())
                        .key(key)
                        .conditionExpression(finalCondition)
                        .updateExpression(finalUpdate)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }
}
