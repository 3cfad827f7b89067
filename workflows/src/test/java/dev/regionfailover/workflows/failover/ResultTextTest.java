package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTextTest {

  @Test
  void completedFailover() {
    FailoverResult result =
        new FailoverResult(
            "orders",
            FailoverMode.PLANNED,
            "us-east-1",
            "us-west-2",
            Phase.COMPLETED,
            "us-west-2 is the writer at epoch 10",
            List.of(
                new StepStatus(
                    "promote-aurora",
                    Phase.PROMOTE,
                    StepState.DONE,
                    "2025-03-01T02:16:40Z",
                    "2025-03-01T02:16:52Z",
                    12_345,
                    "switchover done"),
                new StepStatus(
                    "repin", Phase.REPIN, StepState.DONE, "2025-03-01T02:16:52Z", null, 640, null)),
            new AuthorityRecord(
                "orders",
                "us-west-2",
                10,
                AuthorityState.ACTIVE,
                "failover-orders",
                "2025-03-01T02:16:52Z"),
            new RpoEstimate(0L, ""),
            200,
            List.of(),
            3_723_000);

    assertThat(ResultText.render(result))
        .isEqualTo(
            """
            Failover of orders COMPLETED in 1h 02m (PLANNED, us-east-1 -> us-west-2)
              us-west-2 is the writer at epoch 10

            Steps
              NAME            PHASE    STATE  DURATION  DETAIL
              promote-aurora  PROMOTE  DONE   12.3 s    switchover done
              repin           REPIN    DONE   640 ms    -

            Authority
              writer region  us-west-2
              epoch          10
              state          ACTIVE
              workflow       failover-orders
              updated        2025-03-01 02:16:52Z

            Data
              RPO                 0 s
              entities re-pinned  200

            Findings
              none
            """);
  }
}
