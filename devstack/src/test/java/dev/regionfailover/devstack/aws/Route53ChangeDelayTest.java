package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The stand-in's help for a benchmark that gives AWS its real pace: Route 53 changes that stay
 * PENDING for a while, latency on global services, and the timeline of the calls it served.
 */
@ExtendWith(AwsStackExtension.class)
class Route53ChangeDelayTest {

  private final AwsStack aws;
  private final Route53Client route53;

  Route53ChangeDelayTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.route53 = clients.route53();
  }

  @Test
  void aChangeIsPendingUntilTheDelayHasPassed() throws InterruptedException {
    aws.standIn().setRoute53ChangeDelay(Duration.ofSeconds(2));
    String zone = zone();

    ChangeInfo change = upsert(zone);
    ChangeInfo atOnce = route53.getChange(b -> b.id(change.id())).changeInfo();
    Thread.sleep(2_100);
    ChangeInfo later = route53.getChange(b -> b.id(change.id())).changeInfo();

    assertThat(change.status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(atOnce.status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(later.status()).isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  void withoutADelayEveryChangeIsInSyncAtOnce() {
    String zone = zone();

    assertThat(upsert(zone).status()).isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  void resetEndsTheDelay() {
    aws.standIn().setRoute53ChangeDelay(Duration.ofMinutes(5));
    aws.reset();

    assertThat(upsert(zone()).status()).isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  void globalLatencyDelaysRoute53() {
    String zone = zone();
    aws.standIn().faults().globalLatency(Duration.ofMillis(300));

    long start = System.nanoTime();
    route53.getHostedZone(b -> b.id(zone));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theTimelineHoldsTheCallsServedWhileItRecords() {
    String zone = zone();
    aws.standIn().faults().globalLatency(Duration.ofMillis(100));
    CallTimeline timeline = aws.standIn().callTimeline();

    timeline.startRecording();
    upsert(zone);
    List<TimedCall> calls = timeline.stopRecording();
    route53.getHostedZone(b -> b.id(zone));

    assertThat(calls).hasSize(1);
    TimedCall call = calls.get(0);
    assertThat(call.service()).isEqualTo("route53");
    assertThat(call.operation()).isEqualTo("ChangeResourceRecordSets");
    assertThat(call.resources())
        .singleElement()
        .asString()
        .contains(zone.replace("/hostedzone/", ""));
    assertThat(call.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(timeline.stopRecording()).isEmpty();
  }

  private String zone() {
    return route53
        .createHostedZone(b -> b.name("bench.example.com").callerReference("r" + System.nanoTime()))
        .hostedZone()
        .id();
  }

  private ChangeInfo upsert(String zone) {
    return route53
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zone)
                    .changeBatch(
                        c ->
                            c.changes(
                                ch ->
                                    ch.action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            r ->
                                                r.name("api.bench.example.com")
                                                    .type(RRType.A)
                                                    .ttl(60L)
                                                    .resourceRecords(rr -> rr.value("10.0.0.1"))))))
        .changeInfo();
  }
}
