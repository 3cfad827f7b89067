package dev.regionfailover.workflows.quota;

import dev.regionfailover.workflows.estate.TrafficLayer;
import java.util.Optional;

/**
 * The AWS control-plane APIs whose mutating calls are bound by an account-wide quota, and so go
 * through rate-limited task queues of their own (DESIGN.md section 7).
 *
 * <p>The default rates: Route 53 publishes five requests per second per account for its API.
 * Neither RDS nor Global Accelerator publishes a rate for the calls made here (RDS {@code
 * SwitchoverGlobalCluster} and {@code FailoverGlobalCluster}, Global Accelerator {@code
 * UpdateEndpointGroup}); one per second is a conservative value chosen here, far above what a
 * failover needs (one promotion per app) and below any throttling observed for them.
 */
public enum QuotaApi {
  ROUTE53("route53", 5),
  RDS("rds", 1),
  GLOBAL_ACCELERATOR("globalaccelerator", 1);

  private final String key;
  private final double defaultPerSecond;

  QuotaApi(String key, double defaultPerSecond) {
    this.key = key;
    this.defaultPerSecond = defaultPerSecond;
  }

  /** The API's name in task queue names, worker flags and the stand-in: {@code route53}. */
  public String key() {
    return key;
  }

  /** The calls per second per account allowed when the configuration names no other rate. */
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
