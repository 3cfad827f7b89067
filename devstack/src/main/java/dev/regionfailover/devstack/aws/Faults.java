package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults the stand-in injects into regional AWS requests before they reach moto, so a rejected
 * request has no side effect: a region whose endpoints refuse connections, throttling, 5xx answers
 * and added latency. Global services (Route 53, IAM) and moto's own API are never faulted, as a
 * regional outage of AWS leaves them up; only a {@link #globalLatency} of their own slows them.
 *
 * <p>Shares are deterministic, so that a test run is reproducible: with share {@code s}, the {@code
 * n}th request since the share was set is faulted when {@code ceil(n * s)} exceeds {@code ceil((n -
 * 1) * s)}. The first request is faulted, then every {@code 1/s}th; with {@code 0.5} a request
 * fails and its first retry succeeds. Thread-safe; {@link AwsStandIn#reset()} clears every fault.
 */
public final class Faults {

  private static final Logger log = LoggerFactory.getLogger(Faults.class);

  /** A share of requests, and how many requests it has been asked about since it was set. */
  private record Share(double share, AtomicLong seen) {

    static final Share NONE = new Share(0, new AtomicLong());

    boolean next() {
      if (share == 0) {
        return false;
      }
      long n = seen.incrementAndGet();
      return Math.ceil(n * share) > Math.ceil((n - 1) * share);
    }
  }

  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private volatile Share throttling = Share.NONE;
  private volatile Share serverErrors = Share.NONE;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration globalLatency = Duration.ZERO;

  Faults() {}

  /**
   * Makes every regional request signed for {@code region} fail at the connection level, as when a
   * region's endpoints are unreachable. The SDK sees an I/O error and retries it.
   */
  public void refuseRegion(String region) {
    refused.add(requireNonNull(region, "region is null"));
    log.info("The stand-in now refuses every request to {}", region);
  }

  /** Undoes {@link #refuseRegion}. */
  public void restoreRegion(String region) {
    refused.remove(requireNonNull(region, "region is null"));
    log.info("The stand-in serves requests to {} again", region);
  }

  /**
   * Answers {@code share} (0 to 1) of regional requests with the service's throttling error, which
   * the SDK retries after a back-off. 0 turns throttling off.
   */
  public void throttle(double share) {
    throttling = share(share, "throttling");
  }

  /**
   * Answers {@code share} (0 to 1) of regional requests that are not throttled with HTTP 503, which
   * the SDK retries. 0 turns server errors off.
   */
  public void serverErrors(double share) {
    serverErrors = share(share, "server errors");
  }

  /** Delays every regional request that is not refused by {@code delay} (zero: none). */
  public void latency(Duration delay) {
    latency = nonNegative(delay);
    log.info("The stand-in delays every regional request by {}", delay);
  }

  /**
   * Delays every request to a global service (Route 53, IAM) by {@code delay} (zero: none), for a
   * benchmark that gives every AWS call the same latency. Latency slows a global service without
   * taking it down, so this is the one fault that reaches them.
   */
  public void globalLatency(Duration delay) {
    globalLatency = nonNegative(delay);
    log.info("The stand-in delays every request to a global service by {}", delay);
  }

  /** Removes every fault. */
  public void clear() {
    refused.clear();
    throttling = Share.NONE;
    serverErrors = Share.NONE;
    latency = Duration.ZERO;
    globalLatency = Duration.ZERO;
  }

  /**
   * How the stand-in answers a request signed with {@code scope} instead of serving it, or empty
   * when the request goes on. Waits out the latency first, except for a refused region.
   */
  Optional<ResponseDefinition> rejection(CredentialScope scope, WireProtocol protocol) {
    if (!scope.regional()) {
      sleep(globalLatency);
      return Optional.empty();
    }
    if (refused.contains(scope.region())) {
      return Optional.of(
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(Fault.CONNECTION_RESET_BY_PEER)
              .build());
    }
    sleep(latency);
    if (throttling.next()) {
      return Optional.of(protocol.throttling());
    }
    if (serverErrors.next()) {
      return Optional.of(protocol.unavailable());
    }
    return Optional.empty();
  }

  private static Share share(double share, String fault) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("the share of " + fault + " must be 0 to 1: " + share);
    }
    log.info("The stand-in answers {} of regional requests with {}", share, fault);
    return share == 0 ? Share.NONE : new Share(share, new AtomicLong());
  }

  private static Duration nonNegative(Duration delay) {
    requireNonNull(delay, "delay is null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    }
    return delay;
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
