package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.regionfailover.workflows.quota.QuotaApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.sts.model.Credentials;

@ExtendWith(AwsStackExtension.class)
class QuotasTest {

  private static final String ACCOUNT_KEY = "AKIAQUOTATESTONE";
  private static final String OTHER_ACCOUNT_KEY = "AKIAQUOTATESTTWO";

  private final AwsStack aws;
  private final EmulatorClients clients;
  private final Quotas quotas;
  private final List<SdkClient> opened = new ArrayList<>();
  private String zoneId;

  QuotasTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
    this.quotas = aws.standIn().quotas();
  }

  @BeforeEach
  void createZone() {
    zoneId =
        clients
            .route53()
            .createHostedZone(r -> r.name("quota.example.com").callerReference("quota-test"))
            .hostedZone()
            .id();
  }

  @AfterEach
  void closeClients() {
    opened.forEach(SdkClient::close);
  }

  @Test
  void route53ChangesOverTheQuotaAreThrottledInRoute53sFormatAndReadsAreNot() {
    quotas.limit(QuotaApi.ROUTE53, 5);
    Route53Client route53 = route53(ACCOUNT_KEY);

    long started = System.nanoTime();
    List<AwsServiceException> throttled = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      int n = i;
      AwsServiceException e =
          catchThrowableOfType(AwsServiceException.class, () -> change(route53, "a" + n));
      if (e != null) {
        throttled.add(e);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId));

    assertThat(throttled).isNotEmpty();
    assertThat(throttled.get(0).statusCode()).isEqualTo(400);
    assertThat(throttled.get(0).awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(throttled.get(0).isThrottlingException()).isTrue();
    assertThat(quotas.throttled(QuotaApi.ROUTE53, ACCOUNT_KEY)).isEqualTo(throttled.size());
    assertThat(aws.standIn().count("ChangeResourceRecordSets"))
        .as("a burst of five, then five per second over %.2f s", seconds)
        .isEqualTo(15 - throttled.size())
        .isLessThanOrEqualTo(5 + (long) Math.ceil(seconds * 5));
    assertThat(aws.standIn().rejected("ChangeResourceRecordSets")).isEqualTo(throttled.size());
    assertThat(aws.standIn().rejected("ListResourceRecordSets")).isZero();
  }

  @Test
  void changesAtTheQuotaAreNeverThrottled() throws InterruptedException {
    quotas.limit(QuotaApi.ROUTE53, 5);
    Route53Client route53 = route53(ACCOUNT_KEY);

    // Five at once empty the bucket; then one every 210 ms stays just under five per second.
    for (int i = 0; i < 20; i++) {
      if (i >= 5) {
        Thread.sleep(210);
      }
      change(route53, "paced" + i);
    }

    assertThat(quotas.throttled(QuotaApi.ROUTE53)).isZero();
    assertThat(aws.standIn().count("ChangeResourceRecordSets")).isEqualTo(20);
  }

  @Test
  void eachAccountHasItsOwnQuota() {
    quotas.limit(QuotaApi.ROUTE53, 0.1);

    change(route53(ACCOUNT_KEY), "one");
    change(route53(OTHER_ACCOUNT_KEY), "two");
    catchThrowableOfType(AwsServiceException.class, () -> change(route53(ACCOUNT_KEY), "three"));

    assertThat(quotas.throttled(QuotaApi.ROUTE53, ACCOUNT_KEY)).isEqualTo(1);
    assertThat(quotas.throttled(QuotaApi.ROUTE53, OTHER_ACCOUNT_KEY)).isZero();
  }

  @Test
  void keysOfRolesAssumedInOneAccountShareItsQuota() {
    quotas.limit(QuotaApi.ROUTE53, 0.1);
    String role = "arn:aws:iam::111122223333:role/failover";
    Credentials first = assume(role, "first");
    Credentials second = assume(role, "second");
    // moto keeps each account's state apart, so the role's account needs a zone of its own.
    zoneId =
        route53(session(first))
            .createHostedZone(r -> r.name("quota.example.com").callerReference("role-zone"))
            .hostedZone()
            .id();

    change(route53(session(first)), "first");
    AwsServiceException throttled =
        catchThrowableOfType(
            AwsServiceException.class, () -> change(route53(session(second)), "second"));

    assertThat(first.accessKeyId()).isNotEqualTo(second.accessKeyId());
    assertThat(quotas.account(second.accessKeyId())).isEqualTo("111122223333");
    assertThat(throttled.isThrottlingException()).isTrue();
    assertThat(quotas.throttled(QuotaApi.ROUTE53, "111122223333")).isEqualTo(1);
  }

  @Test
  void globalClusterOperationsOverTheQuotaAreThrottledInRdsFormat() {
    // One call per ten seconds: the first call's own work never lets a token come back in time.
    quotas.limit(QuotaApi.RDS, 0.1);
    RdsClient rds =
        track(
            RdsClient.builder()
                .region(Region.US_WEST_2)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(credentials(ACCOUNT_KEY))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    Runnable switchover =
        () ->
            rds.switchoverGlobalCluster(
                r ->
                    r.globalClusterIdentifier("absent")
                        .targetDbClusterIdentifier(
                            "arn:aws:rds:us-west-2:123456789012:cluster:absent"));

    AwsServiceException first = catchThrowableOfType(AwsServiceException.class, switchover::run);
    AwsServiceException second = catchThrowableOfType(AwsServiceException.class, switchover::run);

    assertThat(first.isThrottlingException())
        .as("the first call is served, and fails for its own reason: %s", first.getMessage())
        .isFalse();
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(second.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(second.isThrottlingException()).isTrue();
    assertThat(quotas.throttled(QuotaApi.RDS)).isEqualTo(1);
  }

  @Test
  void endpointGroupUpdatesOverTheQuotaAreThrottledInGlobalAcceleratorsFormat() {
    quotas.limit(QuotaApi.GLOBAL_ACCELERATOR, 0.1);
    String group =
        "arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l/endpoint-group/g";
    aws.standIn().globalAccelerator().putEndpointGroup(group, "us-east-1", 100);
    GlobalAcceleratorClient accelerator =
        track(
            GlobalAcceleratorClient.builder()
                .region(Region.of(GlobalAcceleratorEndpointGroups.API_REGION))
                .endpointOverride(aws.endpoint())
                .credentialsProvider(credentials(ACCOUNT_KEY))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());

    accelerator.updateEndpointGroup(r -> r.endpointGroupArn(group).trafficDialPercentage(0f));
    AwsServiceException throttled =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                accelerator.updateEndpointGroup(
                    r -> r.endpointGroupArn(group).trafficDialPercentage(100f)));

    assertThat(throttled.statusCode()).isEqualTo(400);
    assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
    assertThat(throttled.isThrottlingException()).isTrue();
    assertThat(aws.standIn().globalAccelerator().dial(group)).isZero();
  }

  @Test
  void withoutQuotasNothingIsThrottled() {
    Route53Client route53 = route53(ACCOUNT_KEY);

    for (int i = 0; i < 12; i++) {
      change(route53, "free" + i);
    }

    assertThat(quotas.throttled(QuotaApi.ROUTE53)).isZero();
    assertThat(aws.standIn().count("ChangeResourceRecordSets")).isEqualTo(12);
  }

  @Test
  void theTimelineRecordsTheAccessKeyOfEachCall() throws InterruptedException {
    aws.standIn().callTimeline().startRecording();
    change(route53(ACCOUNT_KEY), "mine");
    change(route53(OTHER_ACCOUNT_KEY), "theirs");
    // The stand-in notes a call as answered just after the answer left, which the caller may see
    // first.
    Thread.sleep(300);
    List<TimedCall> calls = aws.standIn().callTimeline().stopRecording();

    assertThat(calls)
        .filteredOn(call -> call.operation().equals("ChangeResourceRecordSets"))
        .extracting(TimedCall::accessKey)
        .containsExactly(ACCOUNT_KEY, OTHER_ACCOUNT_KEY);
  }

  @Test
  void theBucketRefillsAtTheQuotasRate() {
    AtomicLong now = new AtomicLong();
    Quotas clock = new Quotas(now::get);
    clock.limit(QuotaApi.ROUTE53, 5);
    CredentialScope scope = new CredentialScope(ACCOUNT_KEY, "us-east-1", "route53");
    List<Boolean> throttled = new ArrayList<>();

    // Ten calls at once, then one every 199 ms and one every 200 ms.
    for (int i = 0; i < 10; i++) {
      throttled.add(rejected(clock, scope));
    }
    now.addAndGet(Duration.ofMillis(199).toNanos());
    throttled.add(rejected(clock, scope));
    now.addAndGet(Duration.ofMillis(200).toNanos());
    throttled.add(rejected(clock, scope));

    assertThat(throttled)
        .containsExactly(
            false, false, false, false, false, true, true, true, true, true, true, false);
  }

  private static boolean rejected(Quotas quotas, CredentialScope scope) {
    return quotas.rejection(scope, "ChangeResourceRecordSets", WireProtocol.REST_XML).isPresent();
  }

  private void change(Route53Client route53, String name) {
    route53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zoneId)
                .changeBatch(
                    b ->
                        b.changes(
                            c ->
                                c.action(ChangeAction.UPSERT)
                                    .resourceRecordSet(
                                        s ->
                                            s.name(name + ".quota.example.com")
                                                .type(RRType.CNAME)
                                                .ttl(60L)
                                                .resourceRecords(
                                                    v -> v.value("target.example.com"))))));
  }

  private Credentials assume(String role, String session) {
    return clients
        .sts("us-east-1")
        .assumeRole(r -> r.roleArn(role).roleSessionName(session))
        .credentials();
  }

  private static AwsCredentials session(Credentials credentials) {
    return AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
  }

  private Route53Client route53(String accessKey) {
    return route53(AwsBasicCredentials.create(accessKey, EmulatorClients.CREDENTIAL));
  }

  private Route53Client route53(AwsCredentials credentials) {
    return track(
        Route53Client.builder()
            .region(Region.AWS_GLOBAL)
            .endpointOverride(aws.endpoint())
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build());
  }

  private static StaticCredentialsProvider credentials(String accessKey) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKey, EmulatorClients.CREDENTIAL));
  }

  private <C extends SdkClient> C track(C client) {
    opened.add(client);
    return client;
  }
}
