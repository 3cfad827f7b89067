package dev.regionfailover.workflows.quota;

import dev.regionfailover.workflows.estate.TrafficLayer;
import java.util.Optional;

/**
 * The AWS control-plane APIs whose mutating calls are bound by an account-wide quota, and so go
 * through rate-limited task queues of their own (DESIGN.md section 7).
 *
 * <p>The quotas, per account:
 *
 * <ul>
 *   <li>Route 53 publishes five requests per second for its whole API.
 *   <li>RDS publishes a sustained twelve requests per second per region (with a burst of 300) for
 *       its whole API. The failovers' own reads share it and are not routed here (an Aurora
 *       promotion is watched by polling {@code DescribeGlobalClusters}), so the promotions' queue
 *       takes a third of it.
 *   <li>Global Accelerator publishes no rate. Five per second is assumed, as for Route 53, the
 *       other global control plane; lower it if the worker's {@code aws_throttles} counter shows
 *       Global Accelerator throttling.
 * </ul>
 *
 * <p>The queues run below the quota. The Temporal server starts the tasks of a queue at exactly its
 * rate, but each call reaches AWS after the reads its activity makes first, which take a varying
 * time; at the full quota two calls then often arrive closer than AWS allows and are throttled
 * (measured in {@code QuotaQueuesDevServerTest}: 13 to 23 of 30 changes at five per second), while
 * the slack of {@link #HEADROOM} absorbs that variation.
 */
public enum QuotaApi {
  ROUTE53("route53", 5, 5 * QuotaApi.HEADROOM),
  RDS("rds", 12, 4),
  GLOBAL_ACCELERATOR("globalaccelerator", 5, 5 * QuotaApi.HEADROOM);

  /** The share of a quota of its own at which a queue runs unless configured otherwise. */
  public static final double HEADROOM = 0.8;

  private final String key;
  private final double quotaPerSecond;
  private final double defaultPerSecond;

  QuotaApi(String key, double quotaPerSecond, double defaultPerSecond) {
    this.key = key;
    this.quotaPerSecond = quotaPerSecond;
    this.defaultPerSecond = defaultPerSecond;
  }

  /** The API's name in task queue names, worker flags and the stand-in: {@code route53}. */
  public String key() {
    return key;
  }

  /**
   * AWS's quota: the calls per second per account it allows, as published for Route 53 and RDS, and
   * assumed for Global Accelerator.
   */
  public double quotaPerSecond() {
    return quotaPerSecond;
  }

  /** The rate of the API's quota queues when the configuration names none. */
  public double defaultPerSecond() {
    return defaultPerSecond;
  }

  /**
   * The API whose quota a change of {@code layer} spends: Route 53 records and health checks, or
   * Global Accelerator dials. ARC routing controls are set through the cluster data plane, which
   * has no account-wide quota of this kind, so they have none.
   */
  public static Optional<QuotaApi> of(TrafficLayer layer) {
    return switch (layer) {
      case ROUTE53 -> Optional.of(ROUTE53);
      case GLOBAL_ACCELERATOR -> Optional.of(GLOBAL_ACCELERATOR);
      case ARC -> Optional.empty();
    };
  }
}
