package dev.regionfailover.workflows.aurora;

import java.util.List;
import java.util.Set;

/**
 * A global cluster as DescribeGlobalClusters reports it. {@code status} is AWS's own, such as
 * {@code available} or {@code switching-over}.
 */
public record AuroraTopology(String globalCluster, String status, List<ClusterMember> members) {

  /** The statuses AWS reports while a switchover or failover of the global cluster runs. */
  private static final Set<String> CHANGING_WRITER = Set.of("switching-over", "failing-over");

  public AuroraTopology {
    members = List.copyOf(members);
  }

  /** The writer member, or null while there is none. */
  public ClusterMember writer() {
    return members.stream().filter(ClusterMember::writer).findFirst().orElse(null);
  }

  /** Whether a switchover or a failover is moving the writer right now. */
  public boolean changingWriter() {
    return CHANGING_WRITER.contains(status);
  }

  public boolean isMember(String clusterArn) {
    return member(clusterArn) != null;
  }

  /** The member whose cluster is {@code clusterArn}, or null when the cluster is not a member. */
  public ClusterMember member(String clusterArn) {
    return members.stream().filter(m -> m.clusterArn().equals(clusterArn)).findFirst().orElse(null);
  }
}
