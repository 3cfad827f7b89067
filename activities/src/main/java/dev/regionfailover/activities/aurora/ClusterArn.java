package dev.regionfailover.activities.aurora;

import io.temporal.failure.ApplicationFailure;

/**
 * The parts of an Aurora cluster ARN ({@code arn:aws:rds:REGION:ACCOUNT:cluster:ID}) that AWS calls
 * need: CloudWatch and DescribeDBClusters name a cluster by its id, in its region.
 */
record ClusterArn(String arn, String region, String id) {

  static ClusterArn parse(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":");
    if (parts.length != 7 || !"rds".equals(parts[2]) || !"cluster".equals(parts[5])) {
      throw ApplicationFailure.newNonRetryableFailure(
          arn + " is not an Aurora cluster ARN (arn:aws:rds:REGION:ACCOUNT:cluster:NAME)",
          AuroraActivitiesImpl.INVALID_REQUEST);
    }
    return new ClusterArn(arn, parts[3], parts[6]);
  }
}
