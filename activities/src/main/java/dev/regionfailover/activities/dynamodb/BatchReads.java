package dev.regionfailover.activities.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items by key with BatchGetItem. DynamoDB returns the keys it did not get to (throttled or
 * over the response size) as unprocessed; they are asked for again after an exponential backoff
 * with jitter, as AWS advises, and a read that still leaves keys unprocessed after {@link
 * #MAX_ATTEMPTS} calls fails, retryably, so that the activity's own retry policy takes over.
 */
public final class BatchReads {

  /** Failure type (retryable) when keys stay unprocessed. */
  public static final String UNPROCESSED_KEYS = "UnprocessedKeys";

  static final int MAX_ATTEMPTS = 8;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  /** Waits between calls; a seam for tests. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Function<String, DynamoDbClient> dynamo;
  private final Random random;
  private final Sleeper sleeper;

  public BatchReads(AwsClients clients) {
    this(
        requireNonNull(clients, "clients is null")::dynamo,
        new SecureRandom(),
        d -> Thread.sleep(d.toMillis()));
  }

  BatchReads(Function<String, DynamoDbClient> dynamo, Random random, Sleeper sleeper) {
    this.dynamo = requireNonNull(dynamo, "dynamo is null");
    this.random = requireNonNull(random, "random is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  /** The items of the table in the region that have the keys, read consistently; in no order. */
  public List<Map<String, AttributeValue>> get(
      String region, String table, List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    if (keys.isEmpty()) {
      return found;
    }
    Map<String, KeysAndAttributes> pending =
        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    for (int attempt = 1; ; attempt++) {
      Map<String, KeysAndAttributes> requested = pending;
      BatchGetItemResponse response =
          AwsFailures.call(
              "BatchGetItem",
              "table " + table,
              region,
              () -> dynamo.apply(region).batchGetItem(b -> b.requestItems(requested)));
      found.addAll(response.responses().getOrDefault(table, List.of()));
      pending = response.unprocessedKeys();
      if (pending.isEmpty()) {
        return found;
      }
      if (attempt == MAX_ATTEMPTS) {
        throw ApplicationFailure.newFailure(
            "BatchGetItem on table %s in %s left %d key(s) unprocessed after %d calls; retrying"
                .formatted(
                    table,
                    region,
                    pending.values().stream().mapToInt(k -> k.keys().size()).sum(),
                    attempt),
            UNPROCESSED_KEYS);
      }
      pause(backoff(attempt));
    }
  }

  /**
   * The wait after the given call: half of an exponentially growing, capped delay plus a random
   * share of the other half, so that concurrent readers spread out without ever retrying at once.
   */
  Duration backoff(int attempt) {
    long ceiling =
        Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
  }

  private void pause(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while backing off from unprocessed keys; a retry reads again",
          "Interrupted");
    }
  }
}
