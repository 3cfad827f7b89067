package dev.regionfailover.worker;

import static dev.regionfailover.worker.FailoverEndToEndTest.SOURCE;
import static dev.regionfailover.worker.FailoverEndToEndTest.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.StepStatus;

/**
 * What a PLANNED failover of the example estate from us-east-1 to us-west-2 leaves when every side
 * effect happened exactly once, however often its worker or its Temporal server was killed on the
 * way: the checks the crash tests share.
 */
final class ExactlyOnce {

  private ExactlyOnce() {}

  static void assertPlannedFailover(
      FailoverResult result, Estate estate, EstateState state, CallCounts calls) {
    assertThat(result.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(result.steps()).extracting(StepStatus::name).doesNotHaveDuplicates();
    assertThat(state.auroraWriter()).isEqualTo(estate.aurora().cluster(TARGET));
    for (String region : estate.regions()) {
      assertThat(state.epoch(region)).as("epoch in %s", region).isEqualTo(3);
      assertThat(state.auditRecords(region)).as("audit records in %s", region).isEqualTo(2);
      assertThat(calls.since(region, "TransactWriteItems"))
          .as("ledger writes in %s", region)
          .isEqualTo(2);
    }
    assertThat(calls.since("SwitchoverGlobalCluster")).isEqualTo(1);
    assertThat(calls.since("ChangeResourceRecordSets"))
        .as("traffic shift and writer record")
        .isEqualTo(2);
    assertThat(calls.since("UpdateService")).as("fence and activate").isEqualTo(2);
    assertThat(calls.since("UpdateAutoScalingGroup")).as("fence and activate").isEqualTo(2);
    assertThat(calls.since("PutParameter")).as("source off, target on").isEqualTo(2);
    assertThat(state.homedIn(TARGET, SOURCE)).isZero();
    assertThat(state.ecsDesired(TARGET)).isEqualTo(2);
    assertThat(state.writesEnabled(TARGET)).isEqualTo("true");
  }
}
