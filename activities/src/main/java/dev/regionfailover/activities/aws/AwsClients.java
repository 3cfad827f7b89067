package dev.regionfailover.activities.aws;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * The worker's AWS clients: one shared HTTP client, one client per account, service and region
 * created on first use and reused by every activity, all closed at shutdown.
 *
 * <p>Each call is made in the account of the activity that makes it ({@link ActivityAccount}), or
 * in the account a {@link #forAccount view} names. In the worker's own account the clients sign
 * with the worker's credentials. In an app's account they sign with the credentials of the app's
 * role, assumed through STS of the region the client calls, never through STS's global endpoint: an
 * outage of one region's STS then takes only that region's calls with it, and the calls that move
 * an app out of a broken region do not depend on it. The assumed credentials are kept per role and
 * region and renewed {@link #PREFETCH} before they expire, so a failover's calls do not wait for
 * STS. Route 53 and Global Accelerator have one endpoint for all regions; their credentials come
 * from STS of the region that serves their API ({@value #ROUTE53_CREDENTIALS_REGION} and {@value
 * #GLOBAL_ACCELERATOR_REGION}), which those calls depend on anyway.
 */
public final class AwsClients implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AwsClients.class);
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String GLOBAL = "aws-global";

  /** Global Accelerator's API is served from this region only, whatever the endpoint regions. */
  public static final String GLOBAL_ACCELERATOR_REGION = "us-west-2";

  /** Route 53's control plane is in us-east-1: its calls' credentials are assumed there. */
  static final String ROUTE53_CREDENTIALS_REGION = "us-east-1";

  /** The session name of every assumed role, which the app account's CloudTrail shows. */
  private static final String ROLE_SESSION_NAME = "region-failover";

  /** How long before assumed credentials expire they are renewed. */
  static final Duration PREFETCH = Duration.ofMinutes(5);

  /** How long before assumed credentials expire a call waits for new ones. */
  static final Duration STALE = Duration.ofMinutes(1);

  /**
   * STS's endpoints of the region a client is for, even where the SDK would choose the global
   * endpoint (with {@code AWS_STS_REGIONAL_ENDPOINTS=legacy} in us-east-1, for instance). An
   * endpoint the configuration names, such as an emulator's, still wins.
   */
  static final StsEndpointProvider REGIONAL_STS =
      params ->
          StsEndpointProvider.defaultProvider()
              .resolveEndpoint(params.toBuilder().useGlobalEndpoint(false).build());

  private static final String ARC_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CLUSTER";
  private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

  private final AwsSettings settings;
  private final Function<String, String> environment;
  private final List<MetricPublisher> metricPublishers;
  private final SdkHttpClient http;
  private final Map<String, SdkClient> clients;
  private final Map<String, AssumedRole> roles;
  private final AtomicBoolean closed;
  private final AwsAccount account;

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
    this.clients = new ConcurrentHashMap<>();
    this.roles = new ConcurrentHashMap<>();
    this.closed = new AtomicBoolean();
    this.account = null;
  }

  private AwsClients(AwsClients root, AwsAccount account) {
    this.settings = root.settings;
    this.metricPublishers = root.metricPublishers;
    this.environment = root.environment;
    this.http = root.http;
    this.clients = root.clients;
    this.roles = root.roles;
    this.closed = root.closed;
    this.account = requireNonNull(account, "account is null");
  }

  /**
   * The clients of {@code account}, whatever account the running activity is in; they are this
   * object's own clients, so closing the view does nothing and closing this object closes them.
   */
  public AwsClients forAccount(AwsAccount account) {
    return new AwsClients(this, account);
  }

  /** Route 53 is a global service: one client serves every region. */
  public Route53Client route53() {
    return client(
        "route53",
        GLOBAL,
        ROUTE53_CREDENTIALS_REGION,
        Route53Client.class,
        credentials -> build(Route53Client.builder(), Region.AWS_GLOBAL, credentials));
  }

  public DynamoDbClient dynamo(String region) {
    return regional("dynamodb", region, DynamoDbClient.class, DynamoDbClient::builder);
  }

  public RdsClient rds(String region) {
    return regional("rds", region, RdsClient.class, RdsClient::builder);
  }

  public CloudWatchClient cloudWatch(String region) {
    return regional("monitoring", region, CloudWatchClient.class, CloudWatchClient::builder);
  }

  public EcsClient ecs(String region) {
    return regional("ecs", region, EcsClient.class, EcsClient::builder);
  }

  public AutoScalingClient autoScaling(String region) {
    return regional("autoscaling", region, AutoScalingClient.class, AutoScalingClient::builder);
  }

  public SsmClient ssm(String region) {
    return regional("ssm", region, SsmClient.class, SsmClient::builder);
  }

  public SqsClient sqs(String region) {
    return regional("sqs", region, SqsClient.class, SqsClient::builder);
  }

  /** STS of one region: its regional endpoint, so a call proves the region accepts credentials. */
  public StsClient sts(String region) {
    return regional(
        "sts", region, StsClient.class, () -> StsClient.builder().endpointProvider(REGIONAL_STS));
  }

  public LambdaClient lambda(String region) {
    return regional("lambda", region, LambdaClient.class, LambdaClient::builder);
  }

  public EventBridgeClient eventBridge(String region) {
    return regional("events", region, EventBridgeClient.class, EventBridgeClient::builder);
  }

  public SchedulerClient scheduler(String region) {
    return regional("scheduler", region, SchedulerClient.class, SchedulerClient::builder);
  }

  /** Global Accelerator's client, always in us-west-2 where its API lives. */
  public GlobalAcceleratorClient globalAccelerator() {
    return regional(
        "globalaccelerator",
        GLOBAL_ACCELERATOR_REGION,
        GlobalAcceleratorClient.class,
        GlobalAcceleratorClient::builder);
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
        region,
        Route53RecoveryClusterClient.class,
        credentials -> {
          Route53RecoveryClusterClientBuilder builder = Route53RecoveryClusterClient.builder();
          configure(builder, region(region), credentials, 1);
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

  /**
   * Closes every client and every assumed role's credentials, then the HTTP client they share. A
   * {@link #forAccount view} closes nothing: the object it was made from owns the clients.
   */
  @Override
  public void close() {
    if (account != null) {
      return;
    }
    closed.set(true);
    List<SdkClient> open = new ArrayList<>(clients.values());
    clients.clear();
    List<AssumedRole> assumed = new ArrayList<>(roles.values());
    roles.clear();
    for (AssumedRole role : assumed) {
      try {
        role.close();
      } catch (RuntimeException e) {
        log.warn("Closing the credentials of an assumed role failed", e);
      }
    }
    for (SdkClient client : open) {
      try {
        client.close();
      } catch (RuntimeException e) {
        log.warn("Closing the {} client failed", client.serviceName(), e);
      }
    }
    http.close();
  }

  /** The account this object's calls are made in. */
  private AwsAccount account() {
    return account != null ? account : ActivityAccount.current();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
      C regional(String service, String region, Class<C> type, Supplier<B> builder) {
    return client(
        service,
        region,
        region,
        type,
        credentials -> build(builder.get(), region(region), credentials));
  }

  /**
   * The cached client of {@code service} in {@code region} for this object's account, made by
   * {@code factory} with the account's credentials, assumed through STS of {@code stsRegion}.
   */
  private <C extends SdkClient> C client(
      String service,
      String region,
      String stsRegion,
      Class<C> type,
      Function<AwsCredentialsProvider, C> factory) {
    if (closed.get()) {
      throw new IllegalStateException("AWS clients are closed; the worker is shutting down");
    }
    requireNonNull(region, "region is null");
    AwsAccount in = account();
    // The credentials are found before the client is: finding them may create the STS client, in
    // the same map, which computeIfAbsent must not be asked for from inside its own function.
    AwsCredentialsProvider credentials = credentials(in, stsRegion);
    return type.cast(
        clients.computeIfAbsent(
            key(in) + "/" + service + "/" + region, key -> factory.apply(credentials)));
  }

  /** The worker's own credentials, or those of {@code account}'s role assumed in {@code region}. */
  private AwsCredentialsProvider credentials(AwsAccount account, String region) {
    if (!account.assumesRole()) {
      return settings.credentials();
    }
    StsClient sts = forAccount(AwsAccount.WORKER).sts(region);
    return roles.computeIfAbsent(
        key(account) + "@" + region,
        key -> new AssumedRole(sts, account, region, ROLE_SESSION_NAME, PREFETCH, STALE));
  }

  private static String key(AwsAccount account) {
    return account.assumesRole()
        ? account.roleArn() + "|" + (account.externalId() == null ? "" : account.externalId())
        : AwsAccount.WORKER_ACCOUNT;
  }

  private static Region region(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("region is blank");
    }
    return Region.of(name);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Region region, AwsCredentialsProvider credentials) {
    configure(builder, region, credentials, settings.maxAttempts());
    settings.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void configure(
      B builder, Region region, AwsCredentialsProvider credentials, int maxAttempts) {
    builder
        .region(region)
        .credentialsProvider(credentials)
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
