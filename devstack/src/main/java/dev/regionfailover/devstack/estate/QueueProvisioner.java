package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.QueueRef;

/**
 * Creates the estate's queues of a region and their dead-letter queues, empty. SQS returns the
 * existing queue when one of the same name exists.
 */
final class QueueProvisioner {

  private final EmulatorClients clients;

  QueueProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String region) {
    for (QueueRef queue : estate.queues(region)) {
      clients.sqs(region).createQueue(r -> r.queueName(queue.queue()));
      if (queue.deadLetterQueue() != null) {
        clients.sqs(region).createQueue(r -> r.queueName(queue.deadLetterQueue()));
      }
    }
  }
}
