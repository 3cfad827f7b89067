package dev.regionfailover.activities.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** One handling of a missing queue for readiness and reconcile alike. */
@ExtendWith(AwsStackExtension.class)
class QueuesTest {

  private static final String REGION = "us-west-2";

  private EmulatorClients emulator;
  private AwsClients clients;
  private Queues queues;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.queues = new Queues(clients);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void anExistingQueueHasItsUrl() {
    String url = emulator.sqs(REGION).createQueue(b -> b.queueName("orders")).queueUrl();

    assertThat(queues.url(REGION, "orders")).contains(url);
  }

  @Test
  void aMissingQueueHasNoUrl() {
    assertThat(queues.url(REGION, "no-such-queue")).isEmpty();
  }

  @Test
  void theQueryProtocolsCodeAlsoMeansMissing() {
    assertThat(Queues.isMissingQueue(error("AWS.SimpleQueueService.NonExistentQueue"))).isTrue();
    assertThat(Queues.isMissingQueue(error("QueueDoesNotExist"))).isTrue();
    assertThat(Queues.isMissingQueue(error("AccessDenied"))).isFalse();
  }

  private static SqsException error(String code) {
    return (SqsException)
        SqsException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
