package dev.regionfailover.activities.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The unprocessed-keys retry of {@link BatchReads}. The AWS stand-in always processes every key, so
 * a scripted client stands in for DynamoDB leaving keys unprocessed.
 */
class BatchReadsTest {

  private static final String TABLE = "orders";
  private static final String REGION = "us-west-2";

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<BatchGetItemRequest> requests = new ArrayList<>();

  @Test
  void asksAgainForUnprocessedKeysAfterGrowingPauses() {
    Deque<BatchGetItemResponse> script =
        new ArrayDeque<>(
            List.of(
                response(List.of(item("a")), List.of(key("b"), key("c"))),
                response(List.of(item("b")), List.of(key("c"))),
                response(List.of(item("c")), List.of())));
    BatchReads reads = reads(script);

    List<Map<String, AttributeValue>> found =
        reads.get(REGION, TABLE, List.of(key("a"), key("b"), key("c")));

    assertThat(found).containsExactly(item("a"), item("b"), item("c"));
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2).requestItems().get(TABLE).keys()).containsExactly(key("c"));
    assertThat(requests.get(0).requestItems().get(TABLE).consistentRead()).isTrue();
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void failsRetryablyWhenKeysStayUnprocessed() {
    Deque<BatchGetItemResponse> script = new ArrayDeque<>();
    for (int i = 0; i < BatchReads.MAX_ATTEMPTS; i++) {
      script.add(response(List.of(), List.of(key("a"), key("b"))));
    }
    BatchReads reads = reads(script);

    assertThatThrownBy(() -> reads.get(REGION, TABLE, List.of(key("a"), key("b"))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(BatchReads.UNPROCESSED_KEYS);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage())
                  .isEqualTo(
                      "BatchGetItem on table orders in us-west-2 left 2 key(s) unprocessed after"
                          + " 8 calls; retrying");
            });
    assertThat(requests).hasSize(BatchReads.MAX_ATTEMPTS);
    assertThat(sleeps).hasSize(BatchReads.MAX_ATTEMPTS - 1);
  }

  @Test
  void backoffDoublesUpToItsCapAndNeverDropsBelowHalf() {
    BatchReads reads = new BatchReads(region -> null, new Random(3), d -> {});

    for (int attempt = 1; attempt <= 12; attempt++) {
      long ceiling =
          Math.min(
              BatchReads.MAX_BACKOFF.toMillis(),
              BatchReads.FIRST_BACKOFF.toMillis() << (attempt - 1));
      assertThat(reads.backoff(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
    }
    assertThat(reads.backoff(30)).isLessThanOrEqualTo(BatchReads.MAX_BACKOFF);
  }

  @Test
  void noKeysMakeNoCall() {
    BatchReads reads = reads(new ArrayDeque<>());

    assertThat(reads.get(REGION, TABLE, List.of())).isEmpty();
    assertThat(requests).isEmpty();
  }

  private BatchReads reads(Deque<BatchGetItemResponse> script) {
    DynamoDbClient dynamo =
        new DynamoDbClient() {
          @Override
          public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            requests.add(request);
            return script.removeFirst();
          }

          @Override
          public String serviceName() {
            return "dynamodb";
          }

          @Override
          public void close() {}
        };
    return new BatchReads(region -> dynamo, new Random(11), sleeps::add);
  }

  private static BatchGetItemResponse response(
      List<Map<String, AttributeValue>> items, List<Map<String, AttributeValue>> unprocessed) {
    return BatchGetItemResponse.builder()
        .responses(Map.of(TABLE, items))
        .unprocessedKeys(
            unprocessed.isEmpty()
                ? Map.of()
                : Map.of(TABLE, KeysAndAttributes.builder().keys(unprocessed).build()))
        .build();
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  private static Map<String, AttributeValue> item(String id) {
    return Map.of("id", AttributeValue.fromS(id), "version", AttributeValue.fromN("1"));
  }
}
