package dev.regionfailover.workflows.estate;

import java.util.Map;

/**
 * A client-facing DNS record that points at one region's endpoint at a time. SHIFT points it at the
 * target region's endpoint from {@code targets}.
 */
public record Route53Traffic(
    HostedZone zone, String recordName, long ttl, Map<String, String> targets) {

  public Route53Traffic {
    targets = Map.copyOf(targets);
  }
}
