package dev.regionfailover.activities.dns;

import static dev.regionfailover.activities.TestActivities.retryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.TestActivities;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.quota.QuotaApi;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Route 53 activity against the stand-in enforcing AWS's account quota: changes at the quota go
 * through, and a change over it reaches the activity as a retryable failure, with no effect, once
 * the SDK's own attempts are spent.
 */
@ExtendWith(AwsStackExtension.class)
class Route53QuotaTest {

  private static final HostedZone ZONE = new HostedZone(null, "quota.example.com.");

  private AwsStack stack;
  private AwsClients clients;
  private final List<TestActivityEnvironment> environments = new ArrayList<>();

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.clients = EmulatedAws.clients(stack);
    emulator.route53().createHostedZone(b -> b.name("quota.example.com").callerReference("quota"));
  }

  @AfterEach
  void tearDown() {
    environments.forEach(TestActivityEnvironment::close);
    clients.close();
  }

  @Test
  void changesAtTheQuotaAreNeverThrottled() {
    stack.standIn().quotas().awsQuotas();
    CountDownLatch start = new CountDownLatch(1);

    // As many changes at once as Route 53 allows in a second, each from an activity of its own.
    List<CompletableFuture<RecordState>> changes =
        IntStream.range(0, (int) QuotaApi.ROUTE53.quotaPerSecond())
            .mapToObj(
                i -> {
                  DnsActivities dns = dns();
                  return CompletableFuture.supplyAsync(
                      () -> {
                        await(start);
                        return dns.pointRecord(
                            new PointRecordRequest(
                                ZONE, "app" + i + ".quota.example.com", "t", 60));
                      });
                })
            .toList();
    start.countDown();

    assertThat(changes).allSatisfy(change -> assertThat(change.join().changed()).isTrue());
    assertThat(stack.standIn().quotas().throttled(QuotaApi.ROUTE53)).isZero();
  }

  @Test
  void aChangeOverTheQuotaReachesTheActivityAsRetryableAndChangesNothing() {
    // One change per ten seconds: the second change and the SDK's retry of it find no token.
    stack.standIn().quotas().limit(QuotaApi.ROUTE53, 0.1);
    DnsActivities dns = dns();
    dns.pointRecord(new PointRecordRequest(ZONE, "first.quota.example.com", "t", 60));
    long served = stack.standIn().count("ChangeResourceRecordSets");

    ApplicationFailure failure =
        retryable(
            () ->
                dns.pointRecord(new PointRecordRequest(ZONE, "second.quota.example.com", "t", 60)));

    assertThat(failure.getOriginalMessage()).contains("Rate exceeded", "Route53");
    assertThat(stack.standIn().quotas().throttled(QuotaApi.ROUTE53))
        .as("the SDK's two attempts")
        .isEqualTo(2);
    assertThat(stack.standIn().count("ChangeResourceRecordSets")).isEqualTo(served);
  }

  private DnsActivities dns() {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    environments.add(environment);
    environment.registerActivitiesImplementations(
        new DnsActivitiesImpl(clients, Duration.ofMillis(100)));
    return environment.newActivityStub(DnsActivities.class, TestActivities.once());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
