package dev.regionfailover.workflows.detection;

/**
 * The independent signals the health monitor samples per region. A region is declared impaired only
 * when at least two of them agree, so one flapping check never starts a failover.
 */
public enum SignalKind {
  /** Any of the region's CloudWatch alarms named in the estate is in state ALARM. */
  ALARMS,
  /** The region's Route 53 health check: too few checkers report success. */
  HEALTH_CHECK,
  /**
   * Aurora replication out of the region: when its cluster is the global writer, the newest
   * AuroraGlobalDBRPOLag of a secondary exceeds the estate's maxLagSeconds. A secondary region has
   * no outbound replication and reads healthy.
   */
  AURORA_LAG,
  /**
   * DynamoDB global-table replication out of the region: its {@code ReplicationLatency} towards
   * another region exceeds the estate's Aurora maxLagSeconds.
   */
  DYNAMODB_LAG
}
