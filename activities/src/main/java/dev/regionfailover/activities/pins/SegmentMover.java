package dev.regionfailover.activities.pins;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.pins.SegmentCheckpoint;
import dev.regionfailover.workflows.pins.SegmentRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Moves the entities of one segment of a re-pin, page by page, and says where it stands after each
 * batch. Segment {@code i} of {@code S} owns the entities whose key hashes to {@code i} ({@link
 * #segmentOf}); it reads the whole home-region index {@code pageSize * S} entries at a time from
 * its cursor and keeps its own, so that {@code S} segments make about as many index queries in
 * total as a single reader would. Moved entities leave the index and a cursor is a position, so
 * paging over an index that shrinks underneath skips nothing.
 *
 * <p>Each batch of up to {@code pageSize} moves is written ahead to the audit trail as a {@code
 * PENDING} record naming its candidates and their versions, then each entity gets a conditional
 * update ({@code SET home = to ADD version 1} if still at home in {@code from} at the version
 * read), then the record is replaced by a {@code DONE} one listing the keys moved. A changed entity
 * is read again and retried at its new version, never overwritten ({@link EntityMover}). A run that
 * starts (fresh or retried) first settles the segment's records at or after its checkpoint's batch
 * number: a {@code DONE} one is counted, a {@code PENDING} one (a crash mid-batch) is finished by
 * reading its candidates, so no move goes unrecorded and none is made twice. Per-entity conditional
 * updates are used instead of one transaction per batch because moto copies a whole table for every
 * item of a transaction, which makes transactions unusable on tables of realistic size in tests,
 * and because in DynamoDB one changed entity would cancel a whole transaction.
 *
 * <p>One mover serves one activity call (or one thread of a plain loop); it is not thread-safe.
 */
public final class SegmentMover {

  private final DynamoDbClient dynamo;
  private final SegmentRequest request;
  private final Pins pins;
  private final TableShape shape;
  private final Consumer<SegmentCheckpoint> heartbeat;
  private final EntityMover entities;
  private final RepinAudit audit;
  private final AttributeValue from;
  private final AttributeValue to;
  private final int segment;

  private Map<String, String> cursor;
  private long nextBatch;
  private long moved;
  private final long retriedBefore;
  private final long writesBefore;
  private boolean done;

  /**
   * @param start where the segment stands: the request's checkpoint, or the last heartbeat of an
   *     earlier attempt
   * @param heartbeat receives the checkpoint after each committed batch and each index page
   */
  public SegmentMover(
      DynamoDbClient dynamo,
      SegmentRequest request,
      TableShape shape,
      SegmentCheckpoint start,
      Consumer<SegmentCheckpoint> heartbeat) {
    this.dynamo = requireNonNull(dynamo, "dynamo is null");
    this.request = requireNonNull(request, "request is null");
    this.pins = request.pins();
    this.shape = requireNonNull(shape, "shape is null");
    this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
    this.from = AttributeValue.fromS(request.fromRegion());
    this.to = AttributeValue.fromS(request.toRegion());
    this.entities =
        new EntityMover(
            dynamo, pins, request.tableRegion(), request.fromRegion(), request.toRegion());
    this.segment = start.segment();
    this.audit = new RepinAudit(dynamo, request, segment);
    this.cursor = start.cursor();
    this.nextBatch = start.nextBatch();
    this.moved = start.moved();
    this.retriedBefore = start.retried();
    this.writesBefore = start.writes();
    this.done = start.done();
  }

  /** The segment, of {@code segments}, that owns the entity with this primary key. */
  public static int segmentOf(Map<String, AttributeValue> key, int segments) {
    CRC32 crc = new CRC32();
    new TreeMap<>(key)
        .forEach(
            (name, value) ->
                crc.update(
                    (name + '=' + KeyText.encode(value) + '\n').getBytes(StandardCharsets.UTF_8)));
    return (int) (crc.getValue() % segments);
  }

  /**
   * Moves pages until the segment reaches the end of the index or the request's budget (pages or
   * time; zero or less means none) is spent.
   */
  public SegmentCheckpoint run() {
    settleRecordedBatches();
    long started = System.nanoTime();
    long budget =
        request.maxMillis() > 0
            ? TimeUnit.MILLISECONDS.toNanos(request.maxMillis())
            : Long.MAX_VALUE;
    int pages = 0;
    while (!done
        && (request.maxPages() <= 0 || pages < request.maxPages())
        && System.nanoTime() - started < budget) {
      QueryResponse page = query();
      pages++;
      List<Map<String, AttributeValue>> own =
          page.items().stream()
              .filter(item -> segmentOf(key(item), request.segments()) == segment)
              .toList();
      for (int i = 0; i < own.size(); i += pins.pageSize()) {
        List<Map<String, AttributeValue>> batch =
            own.subList(i, Math.min(own.size(), i + pins.pageSize()));
        moveBatch(batch);
        cursor = position(batch.get(batch.size() - 1));
        heartbeat.accept(checkpoint());
      }
      if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
        cursor = KeyText.encode(page.lastEvaluatedKey());
      } else {
        cursor = Map.of();
        done = true;
      }
      heartbeat.accept(checkpoint());
    }
    return checkpoint();
  }

  private SegmentCheckpoint checkpoint() {
    return new SegmentCheckpoint(
        segment,
        cursor,
        nextBatch,
        moved,
        retriedBefore + entities.retried(),
        writesBefore + entities.writes(),
        done);
  }

  private QueryResponse query() {
    Map<String, String> names = new HashMap<>();
    List<String> projected = new ArrayList<>();
    for (int i = 0; i < shape.keyAttributes().size(); i++) {
      names.put("#k" + i, shape.keyAttributes().get(i));
      projected.add("#k" + i);
    }
    names.put("#home", pins.homeRegionAttribute());
    projected.add("#home");
    if (pins.versionAttribute() != null && shape.indexHasVersion()) {
      names.put("#version", pins.versionAttribute());
      projected.add("#version");
    }
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(pins.table())
            .indexName(pins.index())
            .keyConditionExpression("#home = :from")
            .projectionExpression(String.join(", ", projected))
            .expressionAttributeNames(names)
            .expressionAttributeValues(Map.of(":from", from))
            .limit(pins.pageSize() * request.segments());
    if (!cursor.isEmpty()) {
      query.exclusiveStartKey(KeyText.decode(cursor));
    }
    return AwsFailures.call(
        "Query",
        "index " + pins.index() + " of table " + pins.table(),
        request.tableRegion(),
        () -> dynamo.query(query.build()));
  }

  /** Records the batch as pending, moves each entity, then records what moved. */
  private void moveBatch(List<Map<String, AttributeValue>> indexed) {
    List<Map<String, AttributeValue>> candidates = new ArrayList<>();
    for (Map<String, AttributeValue> item : indexed) {
      Map<String, AttributeValue> candidate = new HashMap<>();
      candidate.put("key", AttributeValue.fromM(key(item)));
      AttributeValue version = knownVersion(item);
      if (version != null) {
        candidate.put("version", version);
      }
      candidates.add(candidate);
    }
    long batch = nextBatch;
    Map<String, AttributeValue> pending = audit.record(batch, RepinAudit.PENDING);
    pending.put("candidates", AttributeValue.fromL(listOfMaps(candidates)));
    if (!audit.put(pending, "attribute_not_exists(sk)")) {
      throw audit.anotherAttempt(batch);
    }
    List<Map<String, AttributeValue>> movedKeys = new ArrayList<>();
    for (Map<String, AttributeValue> candidate : candidates) {
      Map<String, AttributeValue> key = candidate.get("key").m();
      if (entities.move(key, candidate.get("version")) != EntityMover.Move.NOT_AT_HOME) {
        movedKeys.add(key);
      }
    }
    finish(batch, movedKeys);
  }

  /** The version an index entry shows, or, when the index does not project it, the item's. */
  private AttributeValue knownVersion(Map<String, AttributeValue> indexed) {
    if (pins.versionAttribute() == null) {
      return null;
    }
    if (shape.indexHasVersion()) {
      return indexed.get(pins.versionAttribute());
    }
    Map<String, AttributeValue> item = entities.read(key(indexed));
    return item == null ? null : item.get(pins.versionAttribute());
  }

  /**
   * Counts the segment's batches recorded at or after the checkpoint's batch number, finishing a
   * pending one. A checkpoint can lag behind the trail because Temporal sends heartbeats at
   * intervals, or because an attempt crashed between a batch and its heartbeat.
   */
  private void settleRecordedBatches() {
    for (Map<String, AttributeValue> record : audit.from(nextBatch)) {
      long batch = Long.parseLong(record.get("batch").n());
      if (RepinAudit.DONE.equals(record.get("state").s())) {
        moved += Long.parseLong(record.get("count").n());
        nextBatch = batch + 1;
      } else {
        finishPending(batch, record);
      }
    }
  }

  /** Completes a batch an earlier attempt recorded as pending and may have partly made. */
  private void finishPending(long batch, Map<String, AttributeValue> record) {
    List<Map<String, AttributeValue>> movedKeys = new ArrayList<>();
    for (AttributeValue candidate : record.get("candidates").l()) {
      Map<String, AttributeValue> key = candidate.m().get("key").m();
      Map<String, AttributeValue> item = entities.read(key);
      if (item == null) {
        continue;
      }
      AttributeValue home = item.get(pins.homeRegionAttribute());
      boolean movedByUs =
          to.equals(home)
              || (from.equals(home)
                  && entities.move(
                          key,
                          pins.versionAttribute() == null
                              ? null
                              : item.get(pins.versionAttribute()))
                      != EntityMover.Move.NOT_AT_HOME);
      if (movedByUs) {
        movedKeys.add(key);
      }
    }
    finish(batch, movedKeys);
  }

  private void finish(long batch, List<Map<String, AttributeValue>> movedKeys) {
    Map<String, AttributeValue> record = audit.record(batch, RepinAudit.DONE);
    record.put("keys", AttributeValue.fromL(listOfMaps(movedKeys)));
    record.put("count", AttributeValue.fromN(Integer.toString(movedKeys.size())));
    if (!audit.put(record, "#state = :pending")) {
      throw audit.anotherAttempt(batch);
    }
    moved += movedKeys.size();
    nextBatch = batch + 1;
  }

  private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    shape.keyAttributes().forEach(name -> key.put(name, item.get(name)));
    return key;
  }

  /** The index position of an entry: the table's key and the index's key. */
  private Map<String, String> position(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> position = key(item);
    position.put(pins.homeRegionAttribute(), from);
    return KeyText.encode(position);
  }

  private static List<AttributeValue> listOfMaps(List<Map<String, AttributeValue>> maps) {
    return maps.stream().map(AttributeValue::fromM).toList();
  }
}
