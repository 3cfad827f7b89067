package dev.regionfailover.devstack.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place for what moto cannot serve (DESIGN.md section 7): an HTTP front on 127.0.0.1 that
 * speaks the real AWS wire protocols. It answers the operations moto lacks itself and forwards
 * every other request to moto unchanged, so SDK clients pointed at {@link #endpoint()} (through an
 * endpoint override or {@code AWS_ENDPOINT_URL}) reach every service and region through it.
 *
 * <p>What it serves itself: Aurora {@code SwitchoverGlobalCluster} and {@code
 * FailoverGlobalCluster}, and {@code DescribeGlobalClusters} with the writer and status those
 * produce; the Route 53 ARC routing-control data plane ({@link #arc()}); Global Accelerator
 * endpoint groups ({@link #globalAccelerator()}); Route 53 health-check status ({@link
 * #healthChecks()}); an old primary that has not rejoined its global cluster ({@link
 * #detachFromGlobalCluster}). Its own API under {@code /stand-in-api/} ({@link StandInApi})
 * registers routing controls, endpoint groups and health-check statuses for processes that hold
 * only its endpoint. It also counts the requests of every operation per region, for tests that
 * check what an activity called, records what each request asks to do in IAM's terms ({@link
 * #recordedOperations()}), notes when each request arrived and was answered while a benchmark asks
 * ({@link #callTimeline()}), can hold Route 53 changes {@code PENDING} for a while ({@link
 * #setRoute53ChangeDelay}), injects the {@link Faults} a test asks for, enforces AWS's account-wide
 * {@link Quotas} when a test turns them on, and holds the calls a crash test asks it to ({@link
 * #holds()}). Used by tests and dev mode only.
 */
public final class AwsStandIn implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AwsStandIn.class);
  private static final int STAND_IN_PRIORITY = 1;
  private static final int PROXY_PRIORITY = 10;
  private static final String LOOPBACK = "127.0.0.1";
  private static final String ALL_INTERFACES = "0.0.0.0";

  private final WireMockServer server;
  private final URI endpoint;
  private final URI moto;
  private final HttpClient http;
  private final Faults faults;
  private final Quotas quotas;
  private final CallHolds holds;
  private final OperationCounter served;
  private final OperationCounter rejected;
  private final OperationRecorder recorder;
  private final AuroraGlobalClusters globalClusters;
  private final ArcRoutingControls arc;
  private final GlobalAcceleratorEndpointGroups globalAccelerator;
  private final Route53HealthChecks healthChecks;
  private final Route53ChangeDelay route53Changes;
  private final CallTimeline timeline;

  private AwsStandIn(
      WireMockServer server,
      URI moto,
      HttpClient http,
      Faults faults,
      Quotas quotas,
      CallHolds holds,
      OperationCounter served,
      OperationCounter rejected,
      OperationRecorder recorder,
      AuroraGlobalClusters globalClusters,
      ArcRoutingControls arc,
      GlobalAcceleratorEndpointGroups globalAccelerator,
      Route53HealthChecks healthChecks,
      Route53ChangeDelay route53Changes,
      CallTimeline timeline) {
    this.server = requireNonNull(server, "server is null");
    this.endpoint = URI.create("http://" + LOOPBACK + ":" + server.port());
    this.moto = requireNonNull(moto, "moto is null");
    this.http = requireNonNull(http, "http is null");
    this.faults = requireNonNull(faults, "faults is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.holds = requireNonNull(holds, "holds is null");
    this.served = requireNonNull(served, "served is null");
    this.rejected = requireNonNull(rejected, "rejected is null");
    this.recorder = requireNonNull(recorder, "recorder is null");
    this.globalClusters = requireNonNull(globalClusters, "globalClusters is null");
    this.arc = requireNonNull(arc, "arc is null");
    this.globalAccelerator = requireNonNull(globalAccelerator, "globalAccelerator is null");
    this.healthChecks = requireNonNull(healthChecks, "healthChecks is null");
    this.route53Changes = requireNonNull(route53Changes, "route53Changes is null");
    this.timeline = requireNonNull(timeline, "timeline is null");
  }

  /** Starts the stand-in in front of {@code moto} on a free port of 127.0.0.1. */
  public static AwsStandIn start(URI moto) {
    return start(moto, 0);
  }

  /** Starts the stand-in in front of {@code moto} on {@code port} of 127.0.0.1 (0: any free). */
  public static AwsStandIn start(URI moto, int port) {
    return start(moto, LOOPBACK, port);
  }

  /**
   * Starts the stand-in in front of {@code moto} on {@code port} of every interface, for a
   * container whose stand-in other containers reach by its service name, as in {@code
   * deploy/compose.yaml}. {@link #endpoint()} stays the loopback address, which reaches it too.
   */
  public static AwsStandIn startOnAllInterfaces(URI moto, int port) {
    return start(moto, ALL_INTERFACES, port);
  }

  private static AwsStandIn start(URI moto, String bindAddress, int port) {
    requireNonNull(moto, "moto is null");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Faults faults = new Faults();
    Quotas quotas = new Quotas(System::nanoTime);
    CallHolds holds = new CallHolds();
    OperationCounter served = new OperationCounter();
    OperationCounter rejected = new OperationCounter();
    OperationRecorder recorder = new OperationRecorder();
    AuroraGlobalClusters globalClusters = new AuroraGlobalClusters(moto, http, Clock.systemUTC());
    ArcRoutingControls arc = new ArcRoutingControls();
    GlobalAcceleratorEndpointGroups globalAccelerator = new GlobalAcceleratorEndpointGroups();
    Route53HealthChecks healthChecks = new Route53HealthChecks();
    Route53ChangeDelay route53Changes = new Route53ChangeDelay();
    CallTimeline timeline = new CallTimeline();
    JsonApiTransformer jsonApis =
        new JsonApiTransformer(
            Map.of(
                ArcRoutingControls.TARGET_PREFIX,
                arc,
                GlobalAcceleratorEndpointGroups.TARGET_PREFIX,
                globalAccelerator));
    WireMockServer server =
        new WireMockServer(
            options()
                .bindAddress(bindAddress)
                .port(port)
                // Only counters are kept; a journal of every request would grow for as long as a
                // dev session runs.
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                // The SDK checks CRC32 checksums of DynamoDB bodies, which gzip would break.
                .gzipDisabled(true)
                .notifier(new Slf4jWireMockNotifier())
                .extensions(
                    new StandInRequestFilter(
                        faults, quotas, served, rejected, recorder, timeline, holds),
                    new AssumedRoleAccounts(quotas),
                    new HeldAnswerTransformer(holds),
                    timeline,
                    route53Changes,
                    new GlobalClusterTransformer(globalClusters),
                    jsonApis,
                    new HealthCheckStatusTransformer(healthChecks, moto, http),
                    new StandInApiTransformer(
                        arc, globalAccelerator, globalClusters, healthChecks)));
    server.start();
    server.stubFor(
        any(anyUrl())
            .atPriority(PROXY_PRIORITY)
            .willReturn(aResponse().proxiedFrom(moto.toString())));
    server.stubFor(
        post(urlPathEqualTo("/"))
            .atPriority(STAND_IN_PRIORITY)
            .withFormParam("Action", matching(String.join("|", AuroraGlobalClusters.actions())))
            .willReturn(aResponse().withTransformers(GlobalClusterTransformer.NAME)));
    // Any path: an ARC client may be pointed at a cluster endpoint URL with a path, such as /v1.
    server.stubFor(
        post(anyUrl())
            .atPriority(STAND_IN_PRIORITY)
            .withHeader("X-Amz-Target", matching(jsonApis.targetPattern()))
            .willReturn(aResponse().withTransformers(JsonApiTransformer.NAME)));
    server.stubFor(
        get(urlPathMatching(HealthCheckStatusTransformer.PATH_PATTERN))
            .atPriority(STAND_IN_PRIORITY)
            .willReturn(aResponse().withTransformers(HealthCheckStatusTransformer.NAME)));
    server.stubFor(
        post(urlPathMatching(StandInApiTransformer.PATH + ".*"))
            .atPriority(STAND_IN_PRIORITY)
            .willReturn(aResponse().withTransformers(StandInApiTransformer.NAME)));
    AwsStandIn standIn =
        new AwsStandIn(
            server,
            moto,
            http,
            faults,
            quotas,
            holds,
            served,
            rejected,
            recorder,
            globalClusters,
            arc,
            globalAccelerator,
            healthChecks,
            route53Changes,
            timeline);
    log.info("AWS stand-in listening at {} in front of moto at {}", standIn.endpoint(), moto);
    return standIn;
  }

  /** Where SDK clients should send every AWS request. */
  public URI endpoint() {
    return endpoint;
  }

  /** The faults the stand-in injects into regional requests; {@link #reset()} clears them. */
  public Faults faults() {
    return faults;
  }

  /**
   * AWS's account-wide quotas on mutating calls, off until a test or benchmark sets them; {@link
   * #reset()} turns them off. Throttled calls count in {@link #rejected(String)} too.
   */
  public Quotas quotas() {
    return quotas;
  }

  /**
   * The requests a crash test asked the stand-in to hold, and the observers of served requests;
   * {@link #reset()} releases and clears them.
   */
  public CallHolds holds() {
    return holds;
  }

  /**
   * How many requests of {@code operation} (the AWS operation name, such as {@code
   * "SwitchoverGlobalCluster"} or {@code "ChangeResourceRecordSets"}) the stand-in served, in all
   * regions: forwarded to moto or answered itself, so possibly with a side effect. SDK retries
   * count as separate requests; requests a fault rejected do not count here but in {@link
   * #rejected(String)}.
   */
  public long count(String operation) {
    return served.count(requireNonNull(operation, "operation is null"));
  }

  /** How many requests of {@code operation} signed for {@code region} the stand-in served. */
  public long count(String region, String operation) {
    return served.count(
        requireNonNull(region, "region is null"), requireNonNull(operation, "operation is null"));
  }

  /**
   * How many requests of {@code operation}, in all regions, a {@link Faults fault} rejected before
   * they could have any effect.
   */
  public long rejected(String operation) {
    return rejected.count(requireNonNull(operation, "operation is null"));
  }

  /** How many requests of {@code operation} signed for {@code region} a fault rejected. */
  public long rejected(String region, String operation) {
    return rejected.count(
        requireNonNull(region, "region is null"), requireNonNull(operation, "operation is null"));
  }

  /**
   * What the signed requests since the last {@link #reset()} asked to do, in IAM's terms: each
   * distinct action on each resource, with the access key that signed it. Requests a fault rejected
   * are included, since AWS authorizes a request before anything else.
   */
  public Set<RecordedOperation> recordedOperations() {
    return recorder.snapshot();
  }

  /**
   * How long a switchover or failover stays in progress before the target becomes the writer;
   * {@code reset()} restores the default of three seconds.
   */
  public void setPromotionDuration(Duration duration) {
    globalClusters.setPromotionDuration(duration);
  }

  /**
   * How long a Route 53 change stays {@code PENDING} before it is {@code INSYNC}, in the answers to
   * {@code ChangeResourceRecordSets} and {@code GetChange}; {@code reset()} restores the default of
   * zero, moto's own: every change in sync at once.
   */
  public void setRoute53ChangeDelay(Duration delay) {
    route53Changes.setDelay(requireNonNull(delay, "delay is null"));
  }

  /**
   * When each served request arrived and was answered, once {@link CallTimeline#startRecording()}.
   */
  public CallTimeline callTimeline() {
    return timeline;
  }

  /**
   * Hides {@code clusterArn} from the members of global cluster {@code globalCluster} in {@code
   * DescribeGlobalClusters}, as AWS shows an old primary that has not rejoined after a failover,
   * until {@link #rejoinGlobalCluster} or {@link #reset()}.
   */
  public void detachFromGlobalCluster(String globalCluster, String clusterArn) {
    globalClusters.setDetached(globalCluster, clusterArn, true);
  }

  /** Shows a cluster {@link #detachFromGlobalCluster detached} earlier as a member again. */
  public void rejoinGlobalCluster(String globalCluster, String clusterArn) {
    globalClusters.setDetached(globalCluster, clusterArn, false);
  }

  /** The Route 53 ARC routing controls the stand-in serves. */
  public ArcRoutingControls arc() {
    return arc;
  }

  /** The Global Accelerator endpoint groups the stand-in serves. */
  public GlobalAcceleratorEndpointGroups globalAccelerator() {
    return globalAccelerator;
  }

  /** The status of the Route 53 health checks the stand-in reports. */
  public Route53HealthChecks healthChecks() {
    return healthChecks;
  }

  /** Clears the stand-in's faults, own state and counters, then all of moto's state. */
  public void reset() {
    faults.clear();
    quotas.clear();
    holds.clear();
    globalClusters.reset();
    arc.reset();
    globalAccelerator.reset();
    healthChecks.reset();
    route53Changes.reset();
    timeline.reset();
    served.reset();
    rejected.reset();
    recorder.reset();
    MotoApi.reset(http, moto);
  }

  @Override
  public void close() {
    holds.clear();
    server.stop();
    log.info("AWS stand-in at {} stopped", endpoint);
  }
}
