package dev.regionfailover.activities.ledger;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The authority ledger in DynamoDB, and the only class that writes it. Each region has its own copy
 * of the table. The ledger item of an app is {@code pk=<app>, sk=authority}; every change also
 * writes an audit item {@code pk=<app>, sk=audit#<epoch, 20 digits>} in the same transaction, so
 * the trail proves who held authority when, and reconcile reports are kept beside them as {@code
 * sk=reconcile#<start, 20 digits>}. A ledger write is conditional on the epoch it expects, which is
 * the fencing token: the epoch never goes down and two writers can never both succeed.
 */
public final class LedgerTable {

  /** The sort key of the ledger item of an app; its audit items sort after it. */
  public static final String LEDGER_SORT_KEY = "authority";

  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

  /** An audit item or report is written once; only its own workflow may write it again. */
  private static final String WRITTEN_ONCE = "attribute_not_exists(pk) OR workflowId = :workflow";

  private final AwsClients clients;

  public LedgerTable(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The sort key of the audit item of an epoch; zero-padded so that items sort by epoch. */
  public static String auditSortKey(long epoch) {
    return String.format("audit#%020d", epoch);
  }

  /** The sort key of a reconcile report; zero-padded so that reports sort by time. */
  public static String reportSortKey(long startedAtMillis) {
    return String.format("reconcile#%020d", startedAtMillis);
  }

  /** What failures call the ledger of an app. */
  public static String resource(String app, String table) {
    return "authority ledger of " + app + " in table " + table;
  }

  /** The ledger item of the app in the region's copy, read consistently, if there is one. */
  public Optional<Map<String, AttributeValue>> ledger(String app, String table, String region) {
    return item(table, region, resource(app, table), key(app, LEDGER_SORT_KEY));
  }

  /** The audit item of an epoch in the region's copy, read consistently, if there is one. */
  public Optional<Map<String, AttributeValue>> audit(
      String app, String table, String region, long epoch) {
    String sortKey = auditSortKey(epoch);
    return item(table, region, "item " + sortKey + " of table " + table, key(app, sortKey));
  }

  /**
   * A ledger item.
   *
   * @param writerRegion left out when null (a fenced ledger)
   * @param reason left out when null
   */
  public static Map<String, AttributeValue> ledgerItem(
      String app,
      long epoch,
      String state,
      String workflowId,
      String updatedAt,
      String writerRegion,
      String reason) {
    Map<String, AttributeValue> item = new HashMap<>(key(app, LEDGER_SORT_KEY));
    item.put("epoch", AttributeValue.fromN(Long.toString(epoch)));
    item.put("state", AttributeValue.fromS(state));
    item.put("workflowId", AttributeValue.fromS(workflowId));
    item.put("updatedAt", AttributeValue.fromS(updatedAt));
    if (writerRegion != null) {
      item.put("writerRegion", AttributeValue.fromS(writerRegion));
    }
    if (reason != null) {
      item.put("reason", AttributeValue.fromS(reason));
    }
    return item;
  }

  /** The audit item recording a ledger item, written {@code at}; a mutable map. */
  public static Map<String, AttributeValue> auditOf(
      Map<String, AttributeValue> ledger, AttributeValue at) {
    long epoch = epoch(ledger);
    Map<String, AttributeValue> audit = new HashMap<>(key(text(ledger, "pk"), auditSortKey(epoch)));
    audit.put("epoch", AttributeValue.fromN(Long.toString(epoch)));
    for (String name : List.of("state", "writerRegion", "workflowId", "reason")) {
      if (ledger.containsKey(name)) {
        audit.put(name, ledger.get(name));
      }
    }
    audit.put("at", at);
    return audit;
  }

  /**
   * Writes a ledger item and its audit item into the region's copy in one transaction.
   *
   * @param expectedEpoch the epoch the copy must be at, or null when it must have no ledger item
   * @param auditOwner the workflow that may find the audit item already written (for example one
   *     replicated from another region's copy of a global table) and write it again
   */
  public LedgerWrite write(
      String region,
      String table,
      Map<String, AttributeValue> ledger,
      Long expectedEpoch,
      Map<String, AttributeValue> audit,
      AttributeValue auditOwner) {
    Put.Builder ledgerPut = Put.builder().tableName(table).item(ledger);
    if (expectedEpoch == null) {
      ledgerPut.conditionExpression("attribute_not_exists(pk)");
    } else {
      ledgerPut
          .conditionExpression("epoch = :expected")
          .expressionAttributeValues(
              Map.of(":expected", AttributeValue.fromN(Long.toString(expectedEpoch))));
    }
    Put auditPut =
        Put.builder()
            .tableName(table)
            .item(audit)
            .conditionExpression(WRITTEN_ONCE)
            .expressionAttributeValues(Map.of(":workflow", auditOwner))
            .build();
    return AwsFailures.call(
        "TransactWriteItems",
        resource(text(ledger, "pk"), table),
        region,
        () -> {
          try {
            clients
                .dynamo(region)
                .transactWriteItems(
                    b ->
                        b.transactItems(
                            TransactWriteItem.builder().put(ledgerPut.build()).build(),
                            TransactWriteItem.builder().put(auditPut).build()));
            return LedgerWrite.WRITTEN;
          } catch (TransactionCanceledException e) {
            List<String> codes =
                e.cancellationReasons().stream().map(CancellationReason::code).toList();
            return new LedgerWrite(codes, e);
          }
        });
  }

  /**
   * Writes a reconcile report item into the region's copy, unless another workflow's report holds
   * its key.
   *
   * @param resource what failures call the report
   * @return false when another workflow's report holds the key
   */
  public boolean putReport(
      String region, String table, Map<String, AttributeValue> report, String resource) {
    return AwsFailures.call(
        "PutItem",
        resource,
        region,
        () -> {
          try {
            clients
                .dynamo(region)
                .putItem(
                    b ->
                        b.tableName(table)
                            .item(report)
                            .conditionExpression(WRITTEN_ONCE)
                            .expressionAttributeValues(
                                Map.of(":workflow", report.get("workflowId"))));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  /** The epoch of a ledger item; 0 when it has none. */
  public static long epoch(Map<String, AttributeValue> item) {
    AttributeValue epoch = item.get("epoch");
    return epoch == null || epoch.n() == null ? 0 : Long.parseLong(epoch.n());
  }

  /** A string attribute of an item, or null. */
  public static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  /** The key of an app's item with the sort key. */
  public static Map<String, AttributeValue> key(String app, String sortKey) {
    return Map.of("pk", AttributeValue.fromS(app), "sk", AttributeValue.fromS(sortKey));
  }

  private Optional<Map<String, AttributeValue>> item(
      String table, String region, String resource, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item =
        AwsFailures.call(
            "GetItem",
            resource,
            region,
            () ->
                clients
                    .dynamo(region)
                    .getItem(b -> b.tableName(table).key(key).consistentRead(true))
                    .item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** The outcome of a ledger write: written, or the codes of the cancelled transaction. */
  public record LedgerWrite(List<String> codes, TransactionCanceledException cancelled) {

    static final LedgerWrite WRITTEN = new LedgerWrite(List.of(), null);

    /** True when both items were written. */
    public boolean written() {
      return cancelled == null;
    }

    /** True when the copy's ledger item was not at the expected epoch. */
    public boolean ledgerChanged() {
      return !codes.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(codes.get(0));
    }

    /** True when another workflow's audit item already records the epoch. */
    public boolean auditTaken() {
      return codes.size() > 1 && CONDITIONAL_CHECK_FAILED.equals(codes.get(1));
    }
  }
}
