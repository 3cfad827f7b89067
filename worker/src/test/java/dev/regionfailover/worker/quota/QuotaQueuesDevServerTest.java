package dev.regionfailover.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.dns.DnsActivitiesImpl;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.workflows.dns.RecordRequest;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.quota.QuotaApi;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two workers, each with its own client and AWS clients as two worker processes would have, poll
 * the Route 53 quota queue of the real Temporal dev server at the queue's default rate, while the
 * stand-in enforces AWS's five changes per second. A burst of changes scheduled at once must reach
 * AWS within the quota: never throttled, and at most five per second after a first burst of five as
 * the stand-in's timeline measures them. Had each worker limited itself, the two together would go
 * at twice the rate.
 */
@ExtendWith(AwsStackExtension.class)
class QuotaQueuesDevServerTest {

  private static final Logger log = LoggerFactory.getLogger(QuotaQueuesDevServerTest.class);
  private static final int CHANGES = 30;
  private static final double QUOTA = QuotaApi.ROUTE53.quotaPerSecond();
  private static final String BURST_QUEUE = "quota-burst";

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void twoWorkersPollingTheRoute53QueueStayWithinTheQuota(AwsStack stack, EmulatorClients aws) {
    String zoneId =
        aws.route53()
            .createHostedZone(r -> r.name("burst.example.com").callerReference("burst"))
            .hostedZone()
            .id();
    stack.standIn().quotas().awsQuotas();
    TemporalDevServer temporal = TemporalForTesting.devServer();
    opened.add(temporal);
    CountedDnsActivities first = new CountedDnsActivities(dns(stack));
    CountedDnsActivities second = new CountedDnsActivities(dns(stack));
    WorkflowClient client = worker(temporal, first);
    worker(temporal, second);
    WorkerFactory workflows = WorkerFactory.newInstance(client);
    workflows
        .newWorker(BURST_QUEUE)
        .registerWorkflowImplementationTypes(QuotaBurstWorkflowImpl.class);
    workflows.start();
    opened.add(workflows::shutdownNow);
    List<String> names =
        IntStream.range(0, CHANGES).mapToObj(i -> "app" + i + ".burst.example.com").toList();

    // A serving worker's AWS clients have their connections open; opening them during the burst
    // would hold its first changes back and let them arrive together.
    for (CountedDnsActivities dns : List.of(first, second)) {
      dns.readRecord(new RecordRequest(new HostedZone(zoneId, null), "warm.burst.example.com"));
    }
    stack.standIn().callTimeline().startRecording();
    int pointed =
        client
            .newWorkflowStub(
                QuotaBurstWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(BURST_QUEUE)
                    .setWorkflowId("quota-burst")
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                    .build())
            .run(new QuotaBurst(new HostedZone(zoneId, null), names, "target.example.com"));
    List<Instant> changes =
        stack.standIn().callTimeline().stopRecording().stream()
            .filter(call -> call.operation().equals("ChangeResourceRecordSets"))
            .map(TimedCall::arrived)
            .toList();

    // How exact the server's limiter is: when it started each activity, against when each change
    // reached AWS after the activity's reads.
    List<Instant> started =
        client.fetchHistory("quota-burst").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
            .map(
                e ->
                    Instant.ofEpochSecond(
                        e.getEventTime().getSeconds(), e.getEventTime().getNanos()))
            .sorted()
            .toList();
    log.info("Activities started by the server (ms after the first): {}", offsets(started));
    log.info("Changes arrived at the stand-in (ms after the first): {}", offsets(changes));
    assertThat(pointed).isEqualTo(CHANGES);
    assertThat(stack.standIn().quotas().throttled(QuotaApi.ROUTE53)).isZero();
    assertThat(changes).hasSize(CHANGES);
    assertThat(first.pointed()).as("changes run by the first worker").isPositive();
    assertThat(second.pointed()).as("changes run by the second worker").isPositive();
    double seconds = Duration.between(changes.get(0), changes.get(CHANGES - 1)).toMillis() / 1e3;
    int busiestSecond = busiestSecond(changes);
    log.info(
        "{} Route 53 changes through two workers in {} s: {} per second after the first, at"
            + " most {} in any one second; worker one ran {}, worker two {}",
        CHANGES,
        seconds,
        String.format("%.2f", (CHANGES - 1) / seconds),
        busiestSecond,
        first.pointed(),
        second.pointed());
    assertThat((CHANGES - QUOTA) / seconds)
        .as("the changes after a first burst of %s, per second", (int) QUOTA)
        .isLessThanOrEqualTo(QUOTA);
    assertThat(busiestSecond)
        .as("changes in any one second: a refilled bucket of five, and five more")
        .isLessThanOrEqualTo((int) (2 * QUOTA));
  }

  private static List<Long> offsets(List<Instant> times) {
    return times.stream().map(t -> Duration.between(times.get(0), t).toMillis()).toList();
  }

  /** The most changes that arrived within one second of each other. */
  private static int busiestSecond(List<Instant> arrivals) {
    int most = 0;
    int start = 0;
    for (int end = 0; end < arrivals.size(); end++) {
      while (Duration.between(arrivals.get(start), arrivals.get(end)).toMillis() >= 1000) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  /** One worker process: its own connection, and its own quota worker at the queue's rate. */
  private WorkflowClient worker(TemporalDevServer temporal, CountedDnsActivities dns) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    opened.add(service::shutdownNow);
    WorkflowClient client = WorkflowClient.newInstance(service);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    QuotaWorkers.register(
        factory::newWorker, QuotaRates.defaults(), Set.of(AwsAccount.WORKER_ACCOUNT), dns);
    factory.start();
    opened.add(factory::shutdownNow);
    return client;
  }

  private DnsActivitiesImpl dns(AwsStack stack) {
    AwsClients clients =
        new AwsClients(
            new AwsSettings(
                Optional.of(stack.endpoint()),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        RecordedOperations.WORKER_ACCESS_KEY,
                        RecordedOperations.WORKER_ACCESS_KEY)),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                4));
    opened.add(clients);
    return new DnsActivitiesImpl(clients, Duration.ofMillis(200));
  }
}
