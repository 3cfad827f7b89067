package dev.regionfailover.workflows.estate;

import java.util.Map;

/** The Aurora global database whose writer moves with authority. */
public record Aurora(
    String globalCluster,
    Map<String, String> clusters,
    WriterRecord writerRecord,
    long maxLagSeconds) {

  public Aurora {
    clusters = Map.copyOf(clusters);
  }

  /** The cluster ARN of a region. */
  public String cluster(String region) {
    return clusters.get(region);
  }
}
