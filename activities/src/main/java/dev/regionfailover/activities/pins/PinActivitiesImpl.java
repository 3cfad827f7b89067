package dev.regionfailover.activities.pins;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.dynamodb.Tables;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.pins.CountRequest;
import dev.regionfailover.workflows.pins.EntityCount;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.RepinRequest;
import dev.regionfailover.workflows.pins.RepinResult;
import dev.regionfailover.workflows.pins.SegmentCheckpoint;
import dev.regionfailover.workflows.pins.SegmentRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Moves entities from one home region to another. Entities are found through the index on the
 * home-region attribute; a moved entity leaves that index, so each query returns the next ones
 * without a cursor. Each move is a conditional update on the home region (and version), so a
 * concurrent change is read again and never overwritten.
 */
public final class PinActivitiesImpl implements PinActivities {

  /** Failure type for a request or table that cannot be re-pinned. */
  public static final String INVALID_PINS = "InvalidPins";

  static final int PAGE_SIZE = 100;

  private static final Logger log = LoggerFactory.getLogger(PinActivitiesImpl.class);

  private final AwsClients clients;
  private final Tables tables;
  private final Duration stalePause;

  @Inject
  public PinActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(1));
  }

  /**
   * @param stalePause how long to wait after a page that moved nothing, which means the index
   *     (eventually consistent) still lists entities that have already moved
   */
  public PinActivitiesImpl(AwsClients clients, Duration stalePause) {
    this.clients = requireNonNull(clients, "clients is null");
    this.tables = new Tables(clients);
    this.stalePause = requireNonNull(stalePause, "stalePause is null");
  }

  @Override
  public RepinResult repin(RepinRequest request) {
    if (request.fromRegion().equals(request.toRegion())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot re-pin from " + request.fromRegion() + " to itself", INVALID_PINS);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    Progress progress =
        new Progress(context.getHeartbeatDetails(RepinResult.class).orElse(new RepinResult(0, 0)));
    if (progress.moved > 0 || progress.retried > 0) {
      log.info(
          "Resuming the re-pin of {} from {} to {} after {} moved and {} retried",
          request.pins().table(),
          request.fromRegion(),
          request.toRegion(),
          progress.moved,
          progress.retried);
    }
    Table table = new Table(request, shape(request.pins(), request.tableRegion()).keyAttributes());
    while (true) {
      List<Map<String, AttributeValue>> page = table.nextPage();
      if (page.isEmpty()) {
        break;
      }
      long movedBefore = progress.moved;
      for (Map<String, AttributeValue> item : page) {
        table.move(item, progress);
      }
      context.heartbeat(progress.result());
      if (progress.moved == movedBefore) {
        pause();
      }
    }
    log.info(
        "Re-pinned {} entities of {} from {} to {} ({} conditional updates retried)",
        progress.moved,
        request.pins().table(),
        request.fromRegion(),
        request.toRegion(),
        progress.retried);
    return progress.result();
  }

  @Override
  public EntityCount countEntities(CountRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Pins pins = request.pins();
    String region = request.tableRegion();
    shape(pins, region);
    // Counting reads the whole index in one attempt, so the SDK's paginator follows the pages; the
    // heartbeat after each page only shows that the count is still going.
    long count =
        AwsFailures.call(
            "Query",
            "index " + pins.index() + " of table " + pins.table(),
            region,
            () -> {
              long counted = 0;
              for (QueryResponse page :
                  clients
                      .dynamo(region)
                      .queryPaginator(
                          b ->
                              b.tableName(pins.table())
                                  .indexName(pins.index())
                                  .select(Select.COUNT)
                                  .keyConditionExpression("#home = :from")
                                  .expressionAttributeNames(
                                      Map.of("#home", pins.homeRegionAttribute()))
                                  .expressionAttributeValues(
                                      Map.of(
                                          ":from", AttributeValue.fromS(request.fromRegion()))))) {
                counted += page.count();
                context.heartbeat(counted);
              }
              return counted;
            });
    log.info("{} entities of {} are at home in {}", count, pins.table(), request.fromRegion());
    return new EntityCount(count);
  }

  @Override
  public SegmentCheckpoint repinSegment(SegmentRequest request) {
    if (request.fromRegion().equals(request.toRegion())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot re-pin from " + request.fromRegion() + " to itself", INVALID_PINS);
    }
    if (request.segments() < 1
        || request.checkpoint().segment() < 0
        || request.checkpoint().segment() >= request.segments()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "segment " + request.checkpoint().segment() + " is not one of " + request.segments(),
          INVALID_PINS);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    SegmentCheckpoint start =
        context.getHeartbeatDetails(SegmentCheckpoint.class).orElse(request.checkpoint());
    TableShape shape = shape(request.pins(), request.tableRegion());
    SegmentCheckpoint end =
        new SegmentMover(
                clients.dynamo(request.tableRegion()), request, shape, start, context::heartbeat)
            .run();
    log.info(
        "Segment {}/{} of the re-pin of {}: {} moved, {} retried, {}",
        end.segment(),
        request.segments(),
        request.pins().table(),
        end.moved(),
        end.retried(),
        end.done() ? "done" : "continuing");
    return end;
  }

  /**
   * The table's key attributes and whether its index projects the version, after checking that the
   * index exists and is keyed on the home region.
   */
  public TableShape shape(Pins pins, String region) {
    TableDescription table = tables.describe(region, pins.table());
    GlobalSecondaryIndexDescription index =
        table.globalSecondaryIndexes().stream()
            .filter(i -> i.indexName().equals(pins.index()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "table "
                            + pins.table()
                            + " in "
                            + region
                            + " has no index "
                            + pins.index()
                            + " (indexes: "
                            + table.globalSecondaryIndexes().stream()
                                .map(GlobalSecondaryIndexDescription::indexName)
                                .toList()
                            + ")",
                        INVALID_PINS));
    String indexHash =
        index.keySchema().stream()
            .filter(k -> k.keyType() == KeyType.HASH)
            .map(KeySchemaElement::attributeName)
            .findFirst()
            .orElse(null);
    if (!pins.homeRegionAttribute().equals(indexHash)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "index "
              + pins.index()
              + " of table "
              + pins.table()
              + " in "
              + region
              + " is keyed on "
              + indexHash
              + ", not on the home region attribute "
              + pins.homeRegionAttribute(),
          INVALID_PINS);
    }
    List<String> keys = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    return new TableShape(keys, projects(index.projection(), pins.versionAttribute()));
  }

  private static boolean projects(Projection projection, String attribute) {
    if (attribute == null || projection == null) {
      return false;
    }
    return projection.projectionType() == ProjectionType.ALL
        || (projection.projectionType() == ProjectionType.INCLUDE
            && projection.nonKeyAttributes().contains(attribute));
  }

  private void pause() {
    try {
      Thread.sleep(stalePause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while re-pinning; a retry resumes from the last heartbeat", "Interrupted");
    }
  }

  /** Counts that survive a retry through the heartbeat details. */
  private static final class Progress {
    private long moved;
    private long retried;

    Progress(RepinResult resumed) {
      this.moved = resumed.moved();
      this.retried = resumed.retried();
    }

    RepinResult result() {
      return new RepinResult(moved, retried);
    }
  }

  /** The pins table of one request, reached through the replica in its region. */
  private final class Table {
    private final Pins pins;
    private final String region;
    private final List<String> keyAttributes;
    private final AttributeValue from;
    private final EntityMover entities;

    Table(RepinRequest request, List<String> keyAttributes) {
      this.pins = request.pins();
      this.region = request.tableRegion();
      this.keyAttributes = keyAttributes;
      this.from = AttributeValue.fromS(request.fromRegion());
      this.entities =
          new EntityMover(dynamo(), pins, region, request.fromRegion(), request.toRegion());
    }

    List<Map<String, AttributeValue>> nextPage() {
      return AwsFailures.call(
          "Query",
          "index " + pins.index() + " of table " + pins.table(),
          region,
          () ->
              dynamo()
                  .query(
                      b ->
                          b.tableName(pins.table())
                              .indexName(pins.index())
                              .keyConditionExpression("#home = :from")
                              .expressionAttributeNames(Map.of("#home", pins.homeRegionAttribute()))
                              .expressionAttributeValues(Map.of(":from", from))
                              .limit(PAGE_SIZE))
                  .items());
    }

    void move(Map<String, AttributeValue> indexed, Progress progress) {
      Map<String, AttributeValue> key = new HashMap<>();
      keyAttributes.forEach(name -> key.put(name, indexed.get(name)));
      AttributeValue version = null;
      if (pins.versionAttribute() != null) {
        // The index may not project the version; then the item itself has to be read.
        Map<String, AttributeValue> item =
            indexed.containsKey(pins.versionAttribute()) ? indexed : entities.read(key);
        if (item == null) {
          return;
        }
        version = item.get(pins.versionAttribute());
      }
      long retriedBefore = entities.retried();
      // Two of these activities may race over the same entities, so an entity found moved may be
      // the other's: only this call's own updates count.
      if (entities.move(key, version) == EntityMover.Move.UPDATED) {
        progress.moved++;
      }
      progress.retried += entities.retried() - retriedBefore;
    }

    private DynamoDbClient dynamo() {
      return clients.dynamo(region);
    }
  }
}
