package dev.regionfailover.activities.pins;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.workflows.pins.SegmentRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The audit records of one segment of a re-pin, kept beside the authority ledger under {@code
 * pk=<app>, sk=repin#<plan>#<segment>#<batch>}: a {@code PENDING} record names a batch's candidates
 * before they move, a {@code DONE} one the keys that moved.
 */
public final class RepinAudit {

  /** The state of an audit batch record whose moves may be under way. */
  public static final String PENDING = "PENDING";

  /** The state of an audit batch record whose moves are all made. */
  public static final String DONE = "DONE";

  private final DynamoDbClient dynamo;
  private final SegmentRequest request;
  private final int segment;

  RepinAudit(DynamoDbClient dynamo, SegmentRequest request, int segment) {
    this.dynamo = requireNonNull(dynamo, "dynamo is null");
    this.request = requireNonNull(request, "request is null");
    this.segment = segment;
  }

  /** The audit sort key of one batch of one segment of a re-pin. */
  public static String sortKey(String planId, int segment, long batch) {
    return String.format("repin#%s#%04d#%010d", planId, segment, batch);
  }

  /**
   * The segment's records from batch {@code first} on, in batch order, read consistently. They are
   * read in one go, so the SDK's paginator follows the pages.
   */
  List<Map<String, AttributeValue>> from(long first) {
    return AwsFailures.call(
        "Query",
        "audit trail of " + request.app() + " in table " + request.auditTable(),
        request.tableRegion(),
        () ->
            dynamo
                .queryPaginator(
                    b ->
                        b.tableName(request.auditTable())
                            .consistentRead(true)
                            .keyConditionExpression("pk = :app AND sk BETWEEN :first AND :last")
                            .expressionAttributeValues(
                                Map.of(
                                    ":app", AttributeValue.fromS(request.app()),
                                    ":first", AttributeValue.fromS(sortKey(first)),
                                    ":last", AttributeValue.fromS(sortKey(9_999_999_999L)))))
                .items()
                .stream()
                .toList());
  }

  /** A record of the batch in the state, to which the caller adds what the state lists. */
  Map<String, AttributeValue> record(long batch, String state) {
    Map<String, AttributeValue> record =
        new LinkedHashMap<>(LedgerTable.key(request.app(), sortKey(batch)));
    record.put("state", AttributeValue.fromS(state));
    record.put("plan", AttributeValue.fromS(request.planId()));
    record.put("segment", AttributeValue.fromN(Integer.toString(segment)));
    record.put("batch", AttributeValue.fromN(Long.toString(batch)));
    record.put("table", AttributeValue.fromS(request.pins().table()));
    record.put("from", AttributeValue.fromS(request.fromRegion()));
    record.put("to", AttributeValue.fromS(request.toRegion()));
    record.put("at", AttributeValue.fromS(Instant.now().toString()));
    return record;
  }

  /** Writes a record if {@code condition} holds; false if it does not. */
  boolean put(Map<String, AttributeValue> record, String condition) {
    Map<String, String> names = condition.contains("#state") ? Map.of("#state", "state") : null;
    Map<String, AttributeValue> values =
        condition.contains(":pending") ? Map.of(":pending", AttributeValue.fromS(PENDING)) : null;
    return AwsFailures.call(
        "PutItem",
        "audit record " + record.get("sk").s() + " in table " + request.auditTable(),
        request.tableRegion(),
        () -> {
          try {
            dynamo.putItem(
                b ->
                    b.tableName(request.auditTable())
                        .item(record)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  /** The failure of a batch whose record another attempt of the same segment wrote. */
  ApplicationFailure anotherAttempt(long batch) {
    return ApplicationFailure.newFailure(
        "audit record "
            + sortKey(batch)
            + " was written by another attempt of the same segment; a retry resumes from the"
            + " audit trail",
        "RepinBatchTaken");
  }

  private String sortKey(long batch) {
    return sortKey(request.planId(), segment, batch);
  }
}
