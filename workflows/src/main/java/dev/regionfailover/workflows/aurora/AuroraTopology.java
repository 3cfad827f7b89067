package dev.regionfailover.workflows.aurora;

import java.util.List;

/**
 * A global cluster as DescribeGlobalClusters reports it. {@code status} is AWS's own, such as
 * {@code available} or {@code switching-over}.
 */
public record AuroraTopology(String globalCluster, String status, List<ClusterMember> members) {

  public AuroraTopology {
    members = List.copyOf(members);
  }

  /** The writer member, or null while there is none. */
  public ClusterMember writer() {
    return members.stream().filter(ClusterMember::writer).findFirst().orElse(null);
  }

  public boolean isMember(String clusterArn) {
    return members.stream().anyMatch(m -> m.clusterArn().equals(clusterArn));
  }
}
