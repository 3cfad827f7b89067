package dev.regionfailover.activities.reconcile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.activities.authority.AuthorityActivitiesImpl;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.reconcile.ConflictRequest;
import dev.regionfailover.workflows.reconcile.ItemConflict;
import dev.regionfailover.workflows.reconcile.LedgerForwardRequest;
import dev.regionfailover.workflows.reconcile.ProbeRequest;
import dev.regionfailover.workflows.reconcile.ProbeResult;
import dev.regionfailover.workflows.reconcile.QueueBacklog;
import dev.regionfailover.workflows.reconcile.QueueBacklogs;
import dev.regionfailover.workflows.reconcile.ReconcileActivities;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import dev.regionfailover.workflows.reconcile.ReconcileReport;
import dev.regionfailover.workflows.reconcile.RedriveRequest;
import dev.regionfailover.workflows.reconcile.RedriveResult;
import dev.regionfailover.workflows.reconcile.StoreReportRequest;
import dev.regionfailover.workflows.reconcile.StrandedRequest;
import dev.regionfailover.workflows.reconcile.TableConflicts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Reconciliation against DynamoDB, SQS and RDS of the old and the writer region. */
public final class ReconcileActivitiesImpl implements ReconcileActivities {

  /** Failure type when the ledger copies disagree in a way only a person can repair. */
  public static final String LEDGER_DISAGREEMENT = "LedgerCopiesDisagree";

  /** The replication timestamp (epoch seconds) DynamoDB global tables keep on each item. */
  static final String REPLICATION_TIME = "aws:rep:updatetime";

  private static final Logger log = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCAN_PAGE = 100;
  private static final int SQS_BATCH = 10;
  private static final int VISIBILITY_SECONDS = 60;
  private static final int STORE_LIMIT_BYTES = 350_000;
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final Set<String> MISSING_QUEUE_CODES =
      Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");

  private final AwsClients clients;

  @Inject
  public ReconcileActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The sort key of a reconcile report in the audit trail; zero-padded so reports sort by time. */
  public static String reportSortKey(long startedAtMillis) {
    return String.format("reconcile#%020d", startedAtMillis);
  }

  @Override
  public ProbeResult probeRegion(ProbeRequest request) {
    String id = request.clusterArn().substring(request.clusterArn().lastIndexOf(':') + 1);
    try {
      int found =
          clients
              .rds(request.region())
              .describeDBClusters(b -> b.dbClusterIdentifier(id))
              .dbClusters()
              .size();
      return new ProbeResult(
          request.region(), true, "DescribeDBClusters of " + id + " answered (" + found + ")");
    } catch (DbClusterNotFoundException e) {
      return new ProbeResult(
          request.region(), true, "DescribeDBClusters answered: " + id + " not found");
    } catch (SdkException e) {
      // Throttling, 5xx and connection failures mean the region is not back yet; any other answer,
      // even an error, proves that it answers.
      boolean answered = !AwsFailures.isRetryable(e);
      log.info(
          "Probe of {}: {} ({})",
          request.region(),
          answered ? "answered" : "no answer",
          AwsFailures.describe(e));
      return new ProbeResult(request.region(), answered, AwsFailures.describe(e));
    }
  }

  @Override
  public TableConflicts findConflicts(ConflictRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ReplicatedTable table = request.table();
    String old = request.oldRegion();
    String writer = request.writerRegion();
    List<String> keyNames = keyNames(table.table(), writer);
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

  private List<String> keyNames(String table, String region) {
    return AwsFailures.call(
            "DescribeTable",
            "table " + table,
            region,
            () -> clients.dynamo(region).describeTable(b -> b.tableName(table)).table().keySchema())
        .stream()
        .map(KeySchemaElement::attributeName)
        .toList();
  }

  /** The writer region's replicas of {@code items}, by key text. */
  private Map<String, Map<String, AttributeValue>> batchGet(
      String table, String region, List<String> keyNames, List<Map<String, AttributeValue>> items) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    if (items.isEmpty()) {
      return found;
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      keyNames.forEach(name -> key.put(name, item.get(name)));
      keys.add(key);
    }
    DynamoDbClient dynamo = clients.dynamo(region);
    Map<String, KeysAndAttributes> pending =
        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    while (!pending.isEmpty()) {
      Map<String, KeysAndAttributes> requested = pending;
      var response =
          AwsFailures.call(
              "BatchGetItem",
              "table " + table,
              region,
              () -> dynamo.batchGetItem(b -> b.requestItems(requested)));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        found.put(keyText(item, keyNames), item);
      }
      pending = response.unprocessedKeys();
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

  @Override
  public QueueBacklogs countStranded(StrandedRequest request) {
    List<QueueBacklog> backlogs = new ArrayList<>();
    for (QueueRef queue : request.queues()) {
      backlogs.add(backlog(request.region(), queue.queue(), false));
      if (queue.deadLetterQueue() != null) {
        backlogs.add(backlog(request.region(), queue.deadLetterQueue(), true));
      }
    }
    return new QueueBacklogs(request.region(), backlogs);
  }

  private QueueBacklog backlog(String region, String queue, boolean deadLetter) {
    Optional<String> url = queueUrl(region, queue);
    if (url.isEmpty()) {
      return new QueueBacklog(region, queue, deadLetter, 0, 0, 0, true);
    }
    Map<QueueAttributeName, String> attributes = attributes(region, queue, url.get());
    QueueBacklog backlog =
        new QueueBacklog(
            region,
            queue,
            deadLetter,
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
            false);
    log.info("Queue {} in {}: {} messages", queue, region, backlog.messages());
    return backlog;
  }

  private Map<QueueAttributeName, String> attributes(String region, String queue, String url) {
    return AwsFailures.call(
        "GetQueueAttributes",
        "queue " + queue,
        region,
        () ->
            clients
                .sqs(region)
                .getQueueAttributes(
                    b ->
                        b.queueUrl(url)
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes());
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  private Optional<String> queueUrl(String region, String queue) {
    return AwsFailures.call(
        "GetQueueUrl",
        "queue " + queue,
        region,
        () -> {
          try {
            return Optional.of(clients.sqs(region).getQueueUrl(b -> b.queueName(queue)).queueUrl());
          } catch (SqsException e) {
            // SQS's JSON protocol keeps the query protocol's error code for compatibility, so a
            // missing queue may arrive under either name.
            if (e instanceof QueueDoesNotExistException
                || (e.awsErrorDetails() != null
                    && MISSING_QUEUE_CODES.contains(e.awsErrorDetails().errorCode()))) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  private String requiredQueueUrl(String region, String queue, String role) {
    return queueUrl(region, queue)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    role + " " + queue + " does not exist in " + region, "QueueDoesNotExist"));
  }

  @Override
  public RedriveResult redriveDeadLetters(RedriveRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String from = request.fromRegion();
    String to = request.toRegion();
    String source = requiredQueueUrl(from, request.deadLetterQueue(), "dead-letter queue");
    String target = requiredQueueUrl(to, request.queue(), "redrive target queue");
    SqsClient dlq = clients.sqs(from);
    SqsClient queue = clients.sqs(to);
    long moved = context.getHeartbeatDetails(Long.class).orElse(0L);
    String resource = "dead-letter queue " + request.deadLetterQueue();
    while (moved < request.maxMessages()) {
      int wanted = (int) Math.min(SQS_BATCH, request.maxMessages() - moved);
      List<Message> messages =
          AwsFailures.call(
              "ReceiveMessage",
              resource,
              from,
              () ->
                  dlq.receiveMessage(
                          b ->
                              b.queueUrl(source)
                                  .maxNumberOfMessages(wanted)
                                  .visibilityTimeout(VISIBILITY_SECONDS)
                                  .waitTimeSeconds(1)
                                  .messageAttributeNames("All"))
                      .messages());
      if (messages.isEmpty()) {
        break;
      }
      List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        Message message = messages.get(i);
        sends.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .messageBody(message.body())
                .messageAttributes(message.messageAttributes())
                .build());
      }
      // Sent before deleted: a crash in between sends a message again (at least once), and the
      // received messages reappear in the dead-letter queue after the visibility timeout.
      List<BatchResultErrorEntry> failed =
          AwsFailures.call(
              "SendMessageBatch",
              "queue " + request.queue(),
              to,
              () -> queue.sendMessageBatch(b -> b.queueUrl(target).entries(sends)).failed());
      if (!failed.isEmpty()) {
        throw ApplicationFailure.newFailure(
            "sending dead letters to queue "
                + request.queue()
                + " in "
                + to
                + " failed for "
                + failed.size()
                + " message(s): "
                + failed.get(0).code()
                + " "
                + failed.get(0).message()
                + "; retrying",
            "RedriveSendFailed");
      }
      List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        deletes.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .build());
      }
      AwsFailures.run(
          "DeleteMessageBatch",
          resource,
          from,
          () -> dlq.deleteMessageBatch(b -> b.queueUrl(source).entries(deletes)));
      moved += messages.size();
      context.heartbeat(moved);
    }
    Map<QueueAttributeName, String> left = attributes(from, request.deadLetterQueue(), source);
    long remaining =
        count(left, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
            + count(left, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    log.info(
        "Redrove {} dead letters of {} in {} to {} in {}; about {} left",
        moved,
        request.deadLetterQueue(),
        from,
        request.queue(),
        to,
        remaining);
    return new RedriveResult(
        request.deadLetterQueue(), from, request.queue(), to, moved, remaining);
  }

  @Override
  public Finding bringLedgerForward(LedgerForwardRequest request) {
    String table = request.table();
    String old = request.oldRegion();
    String resource = table + " in " + old;
    Map<String, AttributeValue> current =
        getItem(table, request.writerRegion(), ledgerKey(request.app()));
    if (current == null) {
      return Finding.fail(
          "authority-ledger-copy",
          resource,
          "no ledger item of " + request.app() + " in " + request.writerRegion() + " to copy",
          "the writer region's ledger item");
    }
    long epoch = epoch(current);
    String expected =
        "epoch " + epoch + " like " + request.writerRegion() + " (" + describe(current) + ")";
    Map<String, AttributeValue> copy = getItem(table, old, ledgerKey(request.app()));
    long copyEpoch = copy == null ? 0 : epoch(copy);
    if (copy != null && copyEpoch > epoch) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger copy of "
              + request.app()
              + " in "
              + old
              + " is ahead of "
              + request.writerRegion()
              + "'s: "
              + describe(copy)
              + " vs "
              + describe(current)
              + "; the epoch only grows, so run ./failover recover "
              + request.app()
              + " to settle every copy on Aurora's writer, then reconcile again",
          LEDGER_DISAGREEMENT);
    }
    if (copy != null && copyEpoch == epoch) {
      if (sameAuthority(copy, current)) {
        return Finding.pass(
            "authority-ledger-copy", resource, "already current: " + describe(copy), expected);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger copies of "
              + request.app()
              + " disagree at epoch "
              + epoch
              + ": "
              + old
              + " says "
              + describe(copy)
              + ", "
              + request.writerRegion()
              + " says "
              + describe(current)
              + "; run ./failover recover "
              + request.app()
              + " to settle every copy on Aurora's writer, then reconcile again",
          LEDGER_DISAGREEMENT);
    }
    Map<String, AttributeValue> audit =
        getItem(table, request.writerRegion(), auditKey(request.app(), epoch));
    writeForward(request, current, copy == null ? null : copyEpoch, audit);
    String before = copy == null ? "no ledger item" : describe(copy);
    log.info(
        "Brought the ledger copy of {} in {} forward from {} to epoch {}",
        request.app(),
        old,
        before,
        epoch);
    return Finding.pass(
        "authority-ledger-copy",
        resource,
        "brought forward from " + before + " to epoch " + epoch + " (" + describe(current) + ")",
        expected);
  }

  /** Writes the current ledger item and its audit item into the old region in one transaction. */
  private void writeForward(
      LedgerForwardRequest request,
      Map<String, AttributeValue> current,
      Long copyEpoch,
      Map<String, AttributeValue> writerAudit) {
    long epoch = epoch(current);
    String now = Instant.now().toString();
    Put.Builder ledger = Put.builder().tableName(request.table()).item(current);
    if (copyEpoch == null) {
      ledger.conditionExpression("attribute_not_exists(pk)");
    } else {
      ledger
          .conditionExpression("epoch = :expected")
          .expressionAttributeValues(
              Map.of(":expected", AttributeValue.fromN(Long.toString(copyEpoch))));
    }
    Map<String, AttributeValue> audit = new HashMap<>();
    if (writerAudit != null) {
      audit.putAll(writerAudit);
    } else {
      audit.put("pk", AttributeValue.fromS(request.app()));
      audit.put("sk", AttributeValue.fromS(AuthorityActivitiesImpl.auditSortKey(epoch)));
      audit.put("epoch", AttributeValue.fromN(Long.toString(epoch)));
      copyIfPresent(current, audit, "state");
      copyIfPresent(current, audit, "writerRegion");
      copyIfPresent(current, audit, "workflowId");
      copyIfPresent(current, audit, "reason");
      audit.put("at", current.getOrDefault("updatedAt", AttributeValue.fromS(now)));
    }
    audit.put("broughtForwardBy", AttributeValue.fromS(request.workflowId()));
    audit.put("broughtForwardAt", AttributeValue.fromS(now));
    audit.put(
        "broughtForwardFrom",
        AttributeValue.fromN(Long.toString(copyEpoch == null ? 0 : copyEpoch)));
    AttributeValue workflow =
        current.getOrDefault("workflowId", AttributeValue.fromS(request.workflowId()));
    Put auditPut =
        Put.builder()
            .tableName(request.table())
            .item(audit)
            .conditionExpression("attribute_not_exists(pk) OR workflowId = :workflow")
            .expressionAttributeValues(Map.of(":workflow", workflow))
            .build();
    String old = request.oldRegion();
    AwsFailures.run(
        "TransactWriteItems",
        "authority ledger of " + request.app() + " in table " + request.table(),
        old,
        () -> {
          try {
            clients
                .dynamo(old)
                .transactWriteItems(
                    b ->
                        b.transactItems(
                            TransactWriteItem.builder().put(ledger.build()).build(),
                            TransactWriteItem.builder().put(auditPut).build()));
          } catch (TransactionCanceledException e) {
            List<String> codes =
                e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if (codes.size() > 1 && CONDITIONAL_CHECK_FAILED.equals(codes.get(1))) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "the audit trail of "
                      + request.app()
                      + " in "
                      + old
                      + " already records epoch "
                      + epoch
                      + " by another workflow, so the ledger was set back by hand; see the"
                      + " runbook's \"Setting authority by hand\" to write every copy above that"
                      + " epoch",
                  LEDGER_DISAGREEMENT);
            }
            // The copy changed since it was read (or the transaction conflicted): a retry reads
            // it again and decides afresh.
            throw ApplicationFailure.newFailureWithCause(
                "the ledger copy of "
                    + request.app()
                    + " in "
                    + old
                    + " changed while it was brought forward: "
                    + codes
                    + "; retrying",
                "LedgerCopyChanged",
                e);
          }
        });
  }

  private Map<String, AttributeValue> getItem(
      String table, String region, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item =
        AwsFailures.call(
            "GetItem",
            "item " + key.get("sk").s() + " of table " + table,
            region,
            () ->
                clients
                    .dynamo(region)
                    .getItem(b -> b.tableName(table).key(key).consistentRead(true))
                    .item());
    return item == null || item.isEmpty() ? null : item;
  }

  private static Map<String, AttributeValue> ledgerKey(String app) {
    return Map.of(
        "pk",
        AttributeValue.fromS(app),
        "sk",
        AttributeValue.fromS(AuthorityActivitiesImpl.LEDGER_SORT_KEY));
  }

  private static Map<String, AttributeValue> auditKey(String app, long epoch) {
    return Map.of(
        "pk",
        AttributeValue.fromS(app),
        "sk",
        AttributeValue.fromS(AuthorityActivitiesImpl.auditSortKey(epoch)));
  }

  private static long epoch(Map<String, AttributeValue> item) {
    AttributeValue epoch = item.get("epoch");
    return epoch == null || epoch.n() == null ? 0 : Long.parseLong(epoch.n());
  }

  private static boolean sameAuthority(
      Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return Objects.equals(text(a, "state"), text(b, "state"))
        && Objects.equals(text(a, "writerRegion"), text(b, "writerRegion"));
  }

  private static String describe(Map<String, AttributeValue> ledger) {
    String writer = text(ledger, "writerRegion");
    return "epoch "
        + epoch(ledger)
        + " "
        + text(ledger, "state")
        + " writer "
        + (writer == null ? "none" : writer);
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static void copyIfPresent(
      Map<String, AttributeValue> from, Map<String, AttributeValue> to, String name) {
    if (from.containsKey(name)) {
      to.put(name, from.get(name));
    }
  }

  @Override
  public String storeReport(StoreReportRequest request) {
    ReconcileReport report = request.report();
    String key = reportSortKey(request.startedAtMillis());
    ReconcileReport stored = report.storedAs(key);
    String markdown = ReconcileMarkdown.render(stored);
    String json = json(stored);
    if (size(json) + size(markdown) > STORE_LIMIT_BYTES) {
      // A DynamoDB item holds 400 KB; the listed conflicts are what grows, and the workflow's
      // result keeps them in full.
      ReconcileReport shorter =
          new ReconcileReport(
              stored.app(),
              stored.workflowId(),
              stored.oldRegion(),
              stored.writerRegion(),
              stored.failoverWorkflowId(),
              stored.requestedBy(),
              stored.outcome(),
              stored.summary()
                  + " (conflicting items are listed in the result of workflow "
                  + stored.workflowId()
                  + " only: too large for the audit item)",
              stored.startedAt(),
              stored.windowStart(),
              stored.recoveredAt(),
              stored.recoveredBy(),
              stored.finishedAt(),
              stored.sections(),
              stored.conflicts().stream()
                  .map(
                      c ->
                          new TableConflicts(
                              c.table(),
                              c.oldRegion(),
                              c.writerRegion(),
                              c.compared(),
                              c.total(),
                              c.onlyInOldRegion(),
                              List.of()))
                  .toList(),
              stored.backlogs(),
              stored.redrives(),
              key);
      markdown = ReconcileMarkdown.render(shorter);
      json = json(shorter);
    }
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(report.app()));
    item.put("sk", AttributeValue.fromS(key));
    item.put("workflowId", AttributeValue.fromS(report.workflowId()));
    item.put("outcome", AttributeValue.fromS(report.outcome().name()));
    item.put("oldRegion", AttributeValue.fromS(report.oldRegion()));
    item.put("writerRegion", AttributeValue.fromS(report.writerRegion()));
    item.put("at", AttributeValue.fromS(Instant.now().toString()));
    item.put("report", AttributeValue.fromS(json));
    item.put("markdown", AttributeValue.fromS(markdown));
    String resource =
        "reconcile report " + key + " of " + report.app() + " in table " + request.table();
    AwsFailures.run(
        "PutItem",
        resource,
        request.region(),
        () -> {
          try {
            clients
                .dynamo(request.region())
                .putItem(
                    b ->
                        b.tableName(request.table())
                            .item(item)
                            .conditionExpression(
                                "attribute_not_exists(pk) OR workflowId = :workflow")
                            .expressionAttributeValues(
                                Map.of(":workflow", AttributeValue.fromS(report.workflowId()))));
          } catch (ConditionalCheckFailedException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                resource + " in " + request.region() + " already holds another workflow's report",
                "ReportKeyTaken");
          }
        });
    log.info("Stored {} in {}", resource, request.region());
    return key;
  }

  private static int size(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String json(ReconcileReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the reconcile report as JSON", e);
    }
  }
}
