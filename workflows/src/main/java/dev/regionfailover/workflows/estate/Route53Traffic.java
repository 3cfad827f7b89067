package dev.regionfailover.workflows.estate;

import java.util.Map;

/**
 * The client-facing DNS layer. SIMPLE repoints one CNAME at the target's endpoint from {@code
 * targets}; WEIGHTED moves the weight of the per-region records; FAILOVER inverts health checks
 * ({@code healthChecks}: region to health check id).
 */
public record Route53Traffic(
    HostedZone zone,
    String recordName,
    long ttl,
    Map<String, String> targets,
    RoutingPolicy routing,
    Map<String, String> healthChecks) {

  /** A payload written before routing policies existed reads as SIMPLE. */
  public Route53Traffic {
    targets = Map.copyOf(targets);
    routing = routing == null ? RoutingPolicy.SIMPLE : routing;
    healthChecks = healthChecks == null ? Map.of() : Map.copyOf(healthChecks);
  }
}
