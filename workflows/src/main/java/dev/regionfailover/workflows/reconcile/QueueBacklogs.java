package dev.regionfailover.workflows.reconcile;

import java.util.List;

/** The backlogs of the queues of one region. */
public record QueueBacklogs(String region, List<QueueBacklog> queues) {

  public QueueBacklogs {
    queues = queues == null ? List.of() : List.copyOf(queues);
  }
}
