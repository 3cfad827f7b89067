package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A switchover or failover of a global cluster that the stand-in accepted: until {@code
 * completesAt} the old writer stays the writer and the global cluster reports {@link
 * Kind#status()}; after it, {@code toArn} is the writer.
 */
record GlobalClusterPromotion(
    Kind kind, String fromArn, String toArn, boolean allowDataLoss, Instant completesAt) {

  GlobalClusterPromotion {
    requireNonNull(kind, "kind is null");
    requireNonNull(fromArn, "fromArn is null");
    requireNonNull(toArn, "toArn is null");
    requireNonNull(completesAt, "completesAt is null");
  }

  /** The two ways AWS moves the writer of a global cluster. */
  enum Kind {
    SWITCHOVER("SwitchoverGlobalCluster", "switching-over"),
    FAILOVER("FailoverGlobalCluster", "failing-over");

    private final String action;
    private final String status;

    Kind(String action, String status) {
      this.action = action;
      this.status = status;
    }

    /** The RDS API action that requests it. */
    String action() {
      return action;
    }

    /** The global cluster's status while it is in progress. */
    String status() {
      return status;
    }
  }
}
