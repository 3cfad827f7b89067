package dev.regionfailover.worker.quota;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.quota.QuotaApi;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The calls per second per AWS account that each quota-bound API's task queues allow, the rate the
 * Temporal server enforces for all workers together. Every API has one; those the configuration
 * does not name take {@link QuotaApi#defaultPerSecond()}.
 */
public record QuotaRates(Map<QuotaApi, Double> perSecond) {

  public QuotaRates {
    requireNonNull(perSecond, "perSecond is null");
    EnumMap<QuotaApi, Double> complete = new EnumMap<>(QuotaApi.class);
    for (QuotaApi api : QuotaApi.values()) {
      double rate = perSecond.getOrDefault(api, api.defaultPerSecond());
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException(
            "the rate of " + api.key() + " must be a positive number of calls per second: " + rate);
      }
      complete.put(api, rate);
    }
    // In the order of QuotaApi, so that the worker logs its rates the same way every start.
    perSecond = Collections.unmodifiableMap(complete);
  }

  /** AWS's published quotas, or the conservative values {@link QuotaApi} states. */
  public static QuotaRates defaults() {
    return new QuotaRates(Map.of());
  }

  /** The rate of {@code api}'s queues. */
  public double of(QuotaApi api) {
    return perSecond.get(requireNonNull(api, "api is null"));
  }
}
