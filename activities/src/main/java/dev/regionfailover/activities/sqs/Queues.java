package dev.regionfailover.activities.sqs;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Finds SQS queues by name. */
public final class Queues {

  private static final Set<String> MISSING_QUEUE_CODES =
      Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");

  private final AwsClients clients;

  public Queues(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * The queue's URL, or empty when no queue has the name. Other failures are the SDK's own, for
   * callers that judge them themselves: readiness turns them into findings, reconcile into
   * failures.
   */
  public Optional<String> url(String region, String name) {
    return AwsFailures.unlessMissing(
        e -> e instanceof SqsException sqs && isMissingQueue(sqs),
        () -> clients.sqs(region).getQueueUrl(b -> b.queueName(name)).queueUrl());
  }

  /**
   * True when SQS says the queue does not exist. SQS's JSON protocol keeps the query protocol's
   * error code for compatibility, so a missing queue may arrive under either name, and not always
   * as {@link QueueDoesNotExistException}.
   */
  static boolean isMissingQueue(SqsException e) {
    return e instanceof QueueDoesNotExistException
        || (e.awsErrorDetails() != null
            && MISSING_QUEUE_CODES.contains(e.awsErrorDetails().errorCode()));
  }
}
