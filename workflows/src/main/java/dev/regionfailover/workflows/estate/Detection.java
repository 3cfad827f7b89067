package dev.regionfailover.workflows.estate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the health monitor samples each region: CloudWatch alarms and Route 53 health checks per
 * region, and DynamoDB global tables whose {@code ReplicationLatency} it reads (Aurora lag comes
 * from the estate's global cluster). A region is impaired only after {@code consecutiveSamples}
 * impaired samples from at least two independent signals. {@code autoApprove} lets an UNPLANNED
 * failover it starts approve itself; the parser allows it only for estates marked as rehearsal
 * estates.
 */
public record Detection(
    Map<String, List<String>> alarms,
    Map<String, String> healthChecks,
    List<String> replicatedTables,
    Duration interval,
    int consecutiveSamples,
    boolean autoApprove) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_CONSECUTIVE_SAMPLES = 3;

  /** A payload written before a field existed reads as its default. */
  public Detection {
    alarms = alarms == null ? Map.of() : Map.copyOf(alarms);
    healthChecks = healthChecks == null ? Map.of() : Map.copyOf(healthChecks);
    replicatedTables = replicatedTables == null ? List.of() : List.copyOf(replicatedTables);
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    consecutiveSamples = consecutiveSamples <= 0 ? DEFAULT_CONSECUTIVE_SAMPLES : consecutiveSamples;
  }
}
