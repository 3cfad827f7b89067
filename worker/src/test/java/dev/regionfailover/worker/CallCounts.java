package dev.regionfailover.worker;

import dev.regionfailover.devstack.aws.AwsStandIn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS calls served by the stand-in since this object was made, so that the calls which set the
 * emulator up do not count against the workflow's.
 */
final class CallCounts {

  private static final List<String> OPERATIONS =
      List.of(
          "SwitchoverGlobalCluster",
          "FailoverGlobalCluster",
          "ChangeResourceRecordSets",
          "UpdateService",
          "UpdateAutoScalingGroup",
          "PutParameter",
          "TransactWriteItems",
          "UpdateItem");

  private final AwsStandIn standIn;
  private final Map<String, Long> baseline = new HashMap<>();

  CallCounts(AwsStandIn standIn, List<String> regions) {
    this.standIn = standIn;
    for (String operation : OPERATIONS) {
      baseline.put(operation, standIn.count(operation));
      for (String region : regions) {
        baseline.put(region + "/" + operation, standIn.count(region, operation));
      }
    }
  }

  long since(String operation) {
    return standIn.count(operation) - baseline.getOrDefault(operation, 0L);
  }

  long since(String region, String operation) {
    return standIn.count(region, operation) - baseline.getOrDefault(region + "/" + operation, 0L);
  }
}
