package dev.regionfailover.workflows.estate;

/** How a Route 53 traffic layer moves between regions. */
public enum RoutingPolicy {
  /** One CNAME repointed at the target region's endpoint. */
  SIMPLE,
  /** One weighted record per region (set identifier = region); the target gets the weight. */
  WEIGHTED,
  /**
   * A PRIMARY/SECONDARY failover pair; the source's health check is inverted so Route 53 fails
   * over, and the target's is not.
   */
  FAILOVER
}
