package dev.regionfailover.workflows.detection;

import java.util.List;
import java.util.Map;

/**
 * Samples every configured signal of {@code region} once: its CloudWatch {@code alarms}, its Route
 * 53 {@code healthCheck} (null when none), Aurora replication out of it (the estate's global
 * cluster and member clusters by region) and the DynamoDB {@code replicatedTables}' replication
 * latency towards the other {@code regions}, both against {@code maxLagSeconds}.
 */
public record SampleRequest(
    String app,
    String region,
    List<String> regions,
    List<String> alarms,
    String healthCheck,
    String globalCluster,
    Map<String, String> clusters,
    long maxLagSeconds,
    List<String> replicatedTables) {

  public SampleRequest {
    regions = List.copyOf(regions);
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
    replicatedTables = replicatedTables == null ? List.of() : List.copyOf(replicatedTables);
  }
}
