package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS SDK clients pointed at the emulator, for tests and dev mode to set up and read back emulator
 * state. Clients are created on first use, cached per service and region, share one HTTP client,
 * and are all closed by {@link #close()}.
 */
public final class EmulatorClients implements AutoCloseable {

  /** The access key and secret of every emulator client; moto accepts any. */
  public static final String CREDENTIAL = "testing";

  private final URI endpoint;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
  private final StandInApi standInApi;

  public EmulatorClients(URI endpoint) {
    this(
        endpoint,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL)));
  }

  /**
   * Clients that sign with {@code credentials}, such as those of a role assumed in another account,
   * to set up and read back what an app in that account has: moto keeps each account's resources
   * apart by the access key of the request.
   */
  public EmulatorClients(URI endpoint, AwsCredentialsProvider credentials) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.http =
        ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .maxConnections(64)
            .build();
    this.standInApi = new StandInApi(endpoint);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Route 53 is global; its client signs for us-east-1. */
  public Route53Client route53() {
    return client("route53", Region.AWS_GLOBAL, Route53Client::builder);
  }

  /** IAM is global; its client signs for us-east-1. */
  public IamClient iam() {
    return client("iam", Region.AWS_GLOBAL, IamClient::builder);
  }

  public DynamoDbClient dynamo(String region) {
    return client("dynamodb", Region.of(region), DynamoDbClient::builder);
  }

  public RdsClient rds(String region) {
    return client("rds", Region.of(region), RdsClient::builder);
  }

  public CloudWatchClient cloudWatch(String region) {
    return client("cloudwatch", Region.of(region), CloudWatchClient::builder);
  }

  public EcsClient ecs(String region) {
    return client("ecs", Region.of(region), EcsClient::builder);
  }

  public AutoScalingClient autoScaling(String region) {
    return client("autoscaling", Region.of(region), AutoScalingClient::builder);
  }

  public Ec2Client ec2(String region) {
    return client("ec2", Region.of(region), Ec2Client::builder);
  }

  public SsmClient ssm(String region) {
    return client("ssm", Region.of(region), SsmClient::builder);
  }

  public StsClient sts(String region) {
    return client("sts", Region.of(region), StsClient::builder);
  }

  public LambdaClient lambda(String region) {
    return client("lambda", Region.of(region), LambdaClient::builder);
  }

  public EventBridgeClient eventBridge(String region) {
    return client("eventbridge", Region.of(region), EventBridgeClient::builder);
  }

  public SchedulerClient scheduler(String region) {
    return client("scheduler", Region.of(region), SchedulerClient::builder);
  }

  public SqsClient sqs(String region) {
    return client("sqs", Region.of(region), SqsClient::builder);
  }

  /**
   * The ARC routing-control data plane as reached through the cluster endpoint in {@code region}:
   * requests are signed for that region, so a fault on the region makes that cluster endpoint
   * unreachable.
   */
  public Route53RecoveryClusterClient arc(String region) {
    return client(
        "route53-recovery-cluster", Region.of(region), Route53RecoveryClusterClient::builder);
  }

  /** Global Accelerator, whose API is only in us-west-2. */
  public GlobalAcceleratorClient globalAccelerator() {
    return client(
        "globalaccelerator",
        Region.of(GlobalAcceleratorEndpointGroups.API_REGION),
        GlobalAcceleratorClient::builder);
  }

  /** The stand-in's own API, to register what only the stand-in keeps. */
  public StandInApi standInApi() {
    return standInApi;
  }

  @Override
  public void close() {
    List<SdkClient> open = new ArrayList<>(clients.values());
    clients.clear();
    open.forEach(SdkClient::close);
    http.close();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
      C client(String service, Region region, Supplier<B> builder) {
    requireNonNull(region, "region is null");
    SdkClient client =
        clients.computeIfAbsent(
            service + "/" + region.id(),
            key ->
                builder
                    .get()
                    .region(region)
                    .endpointOverride(endpoint)
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofSeconds(60))
                            .apiCallAttemptTimeout(Duration.ofSeconds(20))
                            .build())
                    .build());
    @SuppressWarnings("unchecked")
    C typed = (C) client;
    return typed;
  }
}
