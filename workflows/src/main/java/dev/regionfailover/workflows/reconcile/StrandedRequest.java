package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.estate.QueueRef;
import java.util.List;

/** Counts the messages in the queues and dead-letter queues of {@code region}. */
public record StrandedRequest(String region, List<QueueRef> queues) {

  public StrandedRequest {
    queues = queues == null ? List.of() : List.copyOf(queues);
  }
}
