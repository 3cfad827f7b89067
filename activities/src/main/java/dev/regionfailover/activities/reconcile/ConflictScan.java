package dev.regionfailover.activities.reconcile;

import static dev.regionfailover.activities.reconcile.ReconcileActivitiesImpl.REPLICATION_TIME;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.dynamodb.BatchReads;
import dev.regionfailover.activities.dynamodb.Tables;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.reconcile.ConflictRequest;
import dev.regionfailover.workflows.reconcile.ItemConflict;
import dev.regionfailover.workflows.reconcile.TableConflicts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Finds the items that were written in both regions during the failover window. */
final class ConflictScan {

  private static final Logger log = LoggerFactory.getLogger(ConflictScan.class);
  private static final int SCAN_PAGE = 100;

  private final AwsClients clients;
  private final Tables tables;
  private final BatchReads batchReads;

  ConflictScan(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.tables = new Tables(clients);
    this.batchReads = new BatchReads(clients);
  }

  /**
   * Compares the old region's items with the writer region's. The scan heartbeats its position (the
   * last evaluated key) after each page, so a retry resumes it; that is why it pages by hand rather
   * than with the SDK's paginator.
   */
  TableConflicts find(ConflictRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ReplicatedTable table = request.table();
    String old = request.oldRegion();
    String writer = request.writerRegion();
    List<String> keyNames = tables.keyNames(writer, table.table());
    ConflictScanCheckpoint progress =
        context
            .getHeartbeatDetails(ConflictScanCheckpoint.class)
            .orElse(ConflictScanCheckpoint.START);
    if (progress.startKey() == null && progress.compared() > 0) {
      // The scan finished before the attempt that heartbeated it could return.
      return new TableConflicts(
          table.table(),
          old,
          writer,
          progress.compared(),
          progress.total(),
          progress.onlyInOldRegion(),
          progress.listed());
    }
    if (progress.startKey() != null) {
      log.info(
          "Resuming the conflict scan of {} after {} items", table.table(), progress.compared());
    }
    Map<String, AttributeValue> startKey =
        progress.startKey() == null ? null : ItemText.decode(progress.startKey());
    long compared = progress.compared();
    long total = progress.total();
    long onlyInOld = progress.onlyInOldRegion();
    List<ItemConflict> listed = new ArrayList<>(progress.listed());
    do {
      Map<String, AttributeValue> from = startKey;
      ScanResponse page =
          AwsFailures.call(
              "Scan",
              "table " + table.table(),
              old,
              () ->
                  clients
                      .dynamo(old)
                      .scan(
                          b ->
                              b.tableName(table.table())
                                  .consistentRead(true)
                                  .limit(SCAN_PAGE)
                                  .exclusiveStartKey(from)));
      Map<String, Map<String, AttributeValue>> writerItems =
          batchGet(table.table(), writer, keyNames, page.items());
      for (Map<String, AttributeValue> oldItem : page.items()) {
        compared++;
        String key = keyText(oldItem, keyNames);
        Map<String, AttributeValue> writerItem = writerItems.get(key);
        if (writerItem == null) {
          onlyInOld++;
          continue;
        }
        Optional<String> differs = differs(table, oldItem, writerItem, request.windowStartMillis());
        if (differs.isPresent()) {
          total++;
          if (listed.size() < request.maxListed()) {
            listed.add(
                new ItemConflict(
                    key, ItemText.render(oldItem), ItemText.render(writerItem), differs.get()));
          }
        }
      }
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      context.heartbeat(
          new ConflictScanCheckpoint(
              startKey == null ? null : ItemText.encode(startKey),
              compared,
              total,
              onlyInOld,
              listed));
    } while (startKey != null);
    log.info(
        "Table {}: {} items of {} compared with {}: {} conflicts, {} only in {}",
        table.table(),
        compared,
        old,
        writer,
        total,
        onlyInOld,
        old);
    return new TableConflicts(table.table(), old, writer, compared, total, onlyInOld, listed);
  }

  /**
   * What differs between the two replicas of an item, if it was written in both: its version or its
   * last-writer region. When both replicas carry global tables' replication timestamp and both
   * predate the failover window, the difference is older than the failover and not counted.
   */
  static Optional<String> differs(
      ReplicatedTable table,
      Map<String, AttributeValue> oldItem,
      Map<String, AttributeValue> writerItem,
      long windowStartMillis) {
    List<String> differences = new ArrayList<>();
    for (String attribute : List.of(table.versionAttribute(), table.lastWriterRegionAttribute())) {
      if (attribute == null) {
        continue;
      }
      String oldValue = ItemText.value(oldItem.get(attribute));
      String writerValue = ItemText.value(writerItem.get(attribute));
      if (!oldValue.equals(writerValue)) {
        differences.add(attribute + " " + oldValue + " vs " + writerValue);
      }
    }
    if (differences.isEmpty()
        || (windowStartMillis > 0
            && before(oldItem, windowStartMillis)
            && before(writerItem, windowStartMillis))) {
      return Optional.empty();
    }
    return Optional.of(String.join("; ", differences));
  }

  private static boolean before(Map<String, AttributeValue> item, long windowStartMillis) {
    AttributeValue written = item.get(REPLICATION_TIME);
    if (written == null || written.n() == null) {
      return false;
    }
    return new BigDecimal(written.n())
            .multiply(BigDecimal.valueOf(1000))
            .compareTo(BigDecimal.valueOf(windowStartMillis))
        < 0;
  }

  /** The writer region's replicas of {@code items}, by key text. */
  private Map<String, Map<String, AttributeValue>> batchGet(
      String table, String region, List<String> keyNames, List<Map<String, AttributeValue>> items) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      keyNames.forEach(name -> key.put(name, item.get(name)));
      keys.add(key);
    }
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (Map<String, AttributeValue> item : batchReads.get(region, table, keys)) {
      found.put(keyText(item, keyNames), item);
    }
    return found;
  }

  private static String keyText(Map<String, AttributeValue> item, List<String> keyNames) {
    List<String> parts = new ArrayList<>();
    for (String name : keyNames) {
      parts.add(name + "=" + ItemText.value(item.get(name)));
    }
    return String.join(", ", parts);
  }
}
