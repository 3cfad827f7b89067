package dev.regionfailover.activities.aws;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClientBuilder;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The worker's AWS clients: one shared HTTP client, one client per service and region created on
 * first use and reused by every activity, all closed at shutdown.
 */
public final class AwsClients implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AwsClients.class);
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String GLOBAL = "aws-global";

  /** Global Accelerator's API is served from this region only, whatever the endpoint regions. */
  public static final String GLOBAL_ACCELERATOR_REGION = "us-west-2";

  private static final String ARC_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CLUSTER";
  private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

  private final AwsSettings settings;
  private final Function<String, String> environment;
  private final List<MetricPublisher> metricPublishers;
  private final SdkHttpClient http;
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  @Inject
  public AwsClients(AwsSettings settings) {
    this(settings, List.of());
  }

  /**
   * @param metricPublishers receive the SDK's metrics of every API call, such as the worker's
   *     counters of calls by service, operation and outcome
   */
  public AwsClients(AwsSettings settings, List<MetricPublisher> metricPublishers) {
    this(settings, metricPublishers, System::getenv);
  }

  /**
   * @param environment the environment variables, by name (null when unset)
   */
  AwsClients(
      AwsSettings settings,
      List<MetricPublisher> metricPublishers,
      Function<String, String> environment) {
    this.settings = requireNonNull(settings, "settings is null");
    this.metricPublishers = List.copyOf(metricPublishers);
    this.environment = requireNonNull(environment, "environment is null");
    Duration attempt = settings.apiCallAttemptTimeout();
    this.http =
        ApacheHttpClient.builder()
            .connectionTimeout(
                attempt.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attempt : MAX_CONNECT_TIMEOUT)
            .socketTimeout(attempt)
            .build();
  }

  /** Route 53 is a global service: one client serves every region. */
  public Route53Client route53() {
    return client(
        "route53",
        GLOBAL,
        Route53Client.class,
        () -> build(Route53Client.builder(), Region.AWS_GLOBAL));
  }

  public DynamoDbClient dynamo(String region) {
    return client(
        "dynamodb",
        region,
        DynamoDbClient.class,
        () -> build(DynamoDbClient.builder(), region(region)));
  }

  public RdsClient rds(String region) {
    return client("rds", region, RdsClient.class, () -> build(RdsClient.builder(), region(region)));
  }

  public CloudWatchClient cloudWatch(String region) {
    return client(
        "monitoring",
        region,
        CloudWatchClient.class,
        () -> build(CloudWatchClient.builder(), region(region)));
  }

  public EcsClient ecs(String region) {
    return client("ecs", region, EcsClient.class, () -> build(EcsClient.builder(), region(region)));
  }

  public AutoScalingClient autoScaling(String region) {
    return client(
        "autoscaling",
        region,
        AutoScalingClient.class,
        () -> build(AutoScalingClient.builder(), region(region)));
  }

  public SsmClient ssm(String region) {
    return client("ssm", region, SsmClient.class, () -> build(SsmClient.builder(), region(region)));
  }

  public SqsClient sqs(String region) {
    return client("sqs", region, SqsClient.class, () -> build(SqsClient.builder(), region(region)));
  }

  /** STS of one region: its regional endpoint, so a call proves the region accepts credentials. */
  public StsClient sts(String region) {
    return client("sts", region, StsClient.class, () -> build(StsClient.builder(), region(region)));
  }

  public LambdaClient lambda(String region) {
    return client(
        "lambda", region, LambdaClient.class, () -> build(LambdaClient.builder(), region(region)));
  }

  public EventBridgeClient eventBridge(String region) {
    return client(
        "events",
        region,
        EventBridgeClient.class,
        () -> build(EventBridgeClient.builder(), region(region)));
  }

  public SchedulerClient scheduler(String region) {
    return client(
        "scheduler",
        region,
        SchedulerClient.class,
        () -> build(SchedulerClient.builder(), region(region)));
  }

  /** Global Accelerator's client, always in us-west-2 where its API lives. */
  public GlobalAcceleratorClient globalAccelerator() {
    return client(
        "globalaccelerator",
        GLOBAL_ACCELERATOR_REGION,
        GlobalAcceleratorClient.class,
        () -> build(GlobalAcceleratorClient.builder(), region(GLOBAL_ACCELERATOR_REGION)));
  }

  /**
   * The client of one ARC data-plane cluster endpoint, signing for {@code region} (the region in
   * the endpoint's host). It makes one attempt per call: the caller moves on to the next cluster
   * endpoint instead of retrying a failing one.
   *
   * <p>An explicit endpoint always wins over the SDK's own {@code AWS_ENDPOINT_URL*} lookup, so
   * those variables are honoured here: with {@link AwsSettings#endpointOverride()} or either
   * variable set, every cluster endpoint's requests go to that one URL, still signed for the
   * cluster endpoint's region, which lets an emulator tell the cluster endpoints apart.
   */
  public Route53RecoveryClusterClient arc(URI clusterEndpoint, String region) {
    requireNonNull(clusterEndpoint, "clusterEndpoint is null");
    URI endpoint = arcEndpoint(clusterEndpoint, settings.endpointOverride(), environment);
    return client(
        "route53-recovery-cluster@" + clusterEndpoint,
        region,
        Route53RecoveryClusterClient.class,
        () -> {
          Route53RecoveryClusterClientBuilder builder = Route53RecoveryClusterClient.builder();
          configure(builder, region(region), 1);
          return builder.endpointOverride(endpoint).build();
        });
  }

  /** Where requests meant for {@code clusterEndpoint} go. */
  static URI arcEndpoint(
      URI clusterEndpoint, Optional<URI> endpointOverride, Function<String, String> environment) {
    return endpointOverride
        .or(() -> variable(environment, ARC_ENDPOINT_VARIABLE))
        .or(() -> variable(environment, ENDPOINT_VARIABLE))
        .orElse(clusterEndpoint);
  }

  private static Optional<URI> variable(Function<String, String> environment, String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
  }

  /** Closes every client, then the HTTP client they share. */
  @Override
  public void close() {
    closed = true;
    List<SdkClient> open = new ArrayList<>(clients.values());
    clients.clear();
    for (SdkClient client : open) {
      try {
        client.close();
      } catch (RuntimeException e) {
        log.warn("Closing the {} client failed", client.serviceName(), e);
      }
    }
    http.close();
  }

  private <C extends SdkClient> C client(
      String service, String region, Class<C> type, Supplier<C> factory) {
    if (closed) {
      throw new IllegalStateException("AWS clients are closed; the worker is shutting down");
    }
    requireNonNull(region, "region is null");
    return type.cast(clients.computeIfAbsent(service + "/" + region, key -> factory.get()));
  }

  private static Region region(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("region is blank");
    }
    return Region.of(name);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Region region) {
    configure(builder, region, settings.maxAttempts());
    settings.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void configure(
      B builder, Region region, int maxAttempts) {
    builder
        .region(region)
        .credentialsProvider(settings.credentials())
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .metricPublishers(metricPublishers)
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .build())
                .build());
  }
}
