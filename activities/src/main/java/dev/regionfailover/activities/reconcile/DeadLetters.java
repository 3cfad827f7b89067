package dev.regionfailover.activities.reconcile;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.sqs.Queues;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.reconcile.QueueBacklog;
import dev.regionfailover.workflows.reconcile.QueueBacklogs;
import dev.regionfailover.workflows.reconcile.RedriveRequest;
import dev.regionfailover.workflows.reconcile.RedriveResult;
import dev.regionfailover.workflows.reconcile.StrandedRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Counts the messages stranded in queues and moves dead letters to the writer region. */
final class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final int SQS_BATCH = 10;
  private static final int VISIBILITY_SECONDS = 60;

  private final AwsClients clients;
  private final Queues queues;

  DeadLetters(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.queues = new Queues(clients);
  }

  /** What waits in the region's queues and their dead-letter queues. */
  QueueBacklogs countStranded(StrandedRequest request) {
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
        "GetQueueUrl", "queue " + queue, region, () -> queues.url(region, queue));
  }

  private String requiredQueueUrl(String region, String queue, String role) {
    return queueUrl(region, queue)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    role + " " + queue + " does not exist in " + region, "QueueDoesNotExist"));
  }

  /**
   * Moves dead letters to the queue in the writer region, heartbeating how many moved, so that a
   * retry moves no more than the request allows.
   */
  RedriveResult redrive(RedriveRequest request) {
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
}
