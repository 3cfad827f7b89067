package dev.regionfailover.workflows.quota;

import dev.regionfailover.workflows.estate.TrafficLayer;
import java.util.Optional;

/**
 * The AWS control-plane APIs whose mutating calls are bound by an account-wide quota, and so go
 * through rate-limited task queues of their own (DESIGN.md section 7).
 *
 * <p>The quotas: Route 53 publishes five requests per second per account for its API. Neither RDS
 * nor Global Accelerator publishes a rate for the calls made here (RDS {@code
 * SwitchoverGlobalCluster} and {@code FailoverGlobalCluster}, Global Accelerator {@code
 * UpdateEndpointGroup}); one per second is a conservative value chosen here, far above what a
 * failover needs (one promotion per app).
 *
 * <p>The queues run at {@link #HEADROOM} of the quota by default. The Temporal server starts the
 * tasks of a queue at exactly its rate, but each call reaches AWS after the reads its activity
 * makes first, which take a varying time; at the full quota two calls then often arrive closer than
 * AWS allows and are throttled (measured in {@code QuotaQueuesDevServerTest}: 13 to 23 of 30
 * changes at five per second), while the slack of four per second absorbs that variation.
 */
public enum QuotaApi {
  ROUTE53("route53", 5),
  RDS("rds", 1),
  GLOBAL_ACCELERATOR("globalaccelerator", 1);

  /** The share of the quota at which the quota queues run unless configured otherwise. */
  public static final double HEADROOM = 0.8;

  private final String key;
  private final double quotaPerSecond;

  QuotaApi(String key, double quotaPerSecond) {
    this.key = key;
    this.quotaPerSecond = quotaPerSecond;
  }

  /** The API's name in task queue names, worker flags and the stand-in: {@code route53}. */
  public String key() {
    return key;
  }

  /**
   * AWS's quota: the calls per second per account it allows, published for Route 53 and a
   * conservative value for the others.
   */
  public double quotaPerSecond() {
    return quotaPerSecond;
  }

  /** The rate of the quota queues when the configuration names none: {@link #HEADROOM} of it. */
  public double defaultPerSecond() {
    return quotaPerSecond * HEADROOM;
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
