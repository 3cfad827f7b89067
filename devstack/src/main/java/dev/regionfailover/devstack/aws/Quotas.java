package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.regionfailover.workflows.quota.QuotaApi;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's account-wide quotas on the mutating calls of Route 53, RDS global clusters and Global
 * Accelerator, enforced as AWS does, with a token bucket per API and account: a bucket holds as
 * many tokens as the API allows calls per second (at least one), each call takes one, and tokens
 * come back at that rate. A call that finds the bucket empty is answered with the API's own
 * throttling error and has no effect. Off until a test or benchmark sets a rate, so that other
 * tests never see it; {@link AwsStandIn#reset()} turns every quota off and forgets what was
 * counted.
 *
 * <p>The account of a call is the account of the access key that signed it: the account of the role
 * whose {@code AssumeRole} answer handed out that key, as the stand-in saw it pass, or else the
 * access key id itself, which stands for the account of a key the stand-in saw no role hand out
 * (such as the worker's own).
 */
public final class Quotas {

  private static final Logger log = LoggerFactory.getLogger(Quotas.class);

  /** The mutating operations that spend each API's quota, by the service they are signed for. */
  private static final Map<String, Map<String, QuotaApi>> OPERATIONS =
      Map.of(
          "route53",
          Map.of(
              "ChangeResourceRecordSets", QuotaApi.ROUTE53,
              "UpdateHealthCheck", QuotaApi.ROUTE53),
          "rds",
          Map.of(
              "SwitchoverGlobalCluster", QuotaApi.RDS,
              "FailoverGlobalCluster", QuotaApi.RDS),
          "globalaccelerator",
          Map.of("UpdateEndpointGroup", QuotaApi.GLOBAL_ACCELERATOR));

  /** One account's bucket of one API. */
  private static final class Bucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    Bucket(double perSecond, long now) {
      this.perSecond = perSecond;
      this.capacity = Math.max(1, perSecond);
      this.tokens = capacity;
      this.refilledAt = now;
    }

    synchronized boolean take(long now) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  private record Key(QuotaApi api, String account) {}

  private final LongSupplier nanoTime;
  private final Map<QuotaApi, Double> rates = new ConcurrentHashMap<>();
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<Key, LongAdder> throttled = new ConcurrentHashMap<>();
  private final Map<String, String> accountsByAccessKey = new ConcurrentHashMap<>();

  Quotas(LongSupplier nanoTime) {
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
  }

  /** Allows {@code perSecond} mutating calls of {@code api} per second and account from now on. */
  public void limit(QuotaApi api, double perSecond) {
    requireNonNull(api, "api is null");
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(
          "the quota of " + api.key() + " must be a positive rate: " + perSecond);
    }
    rates.put(api, perSecond);
    buckets.keySet().removeIf(key -> key.api() == api);
    log.info("The stand-in allows {} {} changes per second per account", perSecond, api.key());
  }

  /** Enforces every API's quota, AWS's published quota where there is one. */
  public void awsQuotas() {
    for (QuotaApi api : QuotaApi.values()) {
      limit(api, api.quotaPerSecond());
    }
  }

  /** How many mutating calls of {@code api}, in every account, were throttled. */
  public long throttled(QuotaApi api) {
    return throttled.entrySet().stream()
        .filter(entry -> entry.getKey().api() == api)
        .mapToLong(entry -> entry.getValue().sum())
        .sum();
  }

  /** How many mutating calls of {@code api} in {@code account} were throttled. */
  public long throttled(QuotaApi api, String account) {
    LongAdder count = throttled.get(new Key(api, account));
    return count == null ? 0 : count.sum();
  }

  /** The account that the stand-in counts the calls signed with {@code accessKey} against. */
  public String account(String accessKey) {
    return accountsByAccessKey.getOrDefault(accessKey, accessKey);
  }

  /** Notes that AWS handed out {@code accessKey} for a role in {@code account}. */
  void learn(String accessKey, String account) {
    accountsByAccessKey.put(requireNonNull(accessKey), requireNonNull(account));
  }

  /**
   * The API whose quota a call of {@code operation}, signed for {@code service}, spends, or empty
   * for a call no quota of these binds.
   */
  public static Optional<QuotaApi> api(String service, String operation) {
    return Optional.ofNullable(OPERATIONS.getOrDefault(service, Map.of()).get(operation));
  }

  /** Turns every quota off and forgets the counts and the accounts of access keys. */
  void clear() {
    rates.clear();
    buckets.clear();
    throttled.clear();
    accountsByAccessKey.clear();
  }

  /**
   * The throttling answer to a call of {@code operation} signed with {@code scope} over its API's
   * quota, or empty when the call goes on.
   */
  Optional<ResponseDefinition> rejection(
      CredentialScope scope, String operation, WireProtocol protocol) {
    if (rates.isEmpty()) {
      return Optional.empty();
    }
    QuotaApi api = api(scope.service(), operation).orElse(null);
    Double rate = api == null ? null : rates.get(api);
    if (rate == null) {
      return Optional.empty();
    }
    Key key = new Key(api, account(scope.accessKey()));
    long now = nanoTime.getAsLong();
    if (buckets.computeIfAbsent(key, k -> new Bucket(rate, now)).take(now)) {
      return Optional.empty();
    }
    throttled.computeIfAbsent(key, k -> new LongAdder()).increment();
    return Optional.of(protocol.throttling());
  }
}
