package dev.regionfailover.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.RpoEstimate;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compliance figures taken from a failover's step timings. */
class SwitchoverLegTest {

  @Test
  void figuresComeFromThePhaseBoundaries() {
    List<StepStatus> steps =
        List.of(
            step("load estate", Phase.ASSESS, "10:00:00.000", "10:00:00.500"),
            step("read route53", Phase.SHIFT, "10:00:01.000", "10:00:01.200"),
            step("shift route53", Phase.SHIFT, "10:00:01.200", "10:00:02.750"),
            step("fence authority", Phase.FENCE, "10:00:03.000", "10:00:03.400"),
            step("stop source fleet", Phase.FENCE, "10:00:03.400", "10:00:04.000"),
            step("promote aurora", Phase.PROMOTE, "10:00:04.000", "10:00:09.000"),
            step("start target fleet", Phase.ACTIVATE, "10:00:10.000", "10:00:10.500"),
            step("enable target writes", Phase.ACTIVATE, "10:00:10.500", "10:00:11.250"),
            step("check old primary", Phase.RECONCILE, "10:00:11.250", "10:00:12.000"));

    SwitchoverLeg leg =
        SwitchoverLeg.measure("failover-orders", result(steps, new RpoEstimate(0L, "switchover")));

    assertThat(leg.trafficShiftedAt()).isEqualTo("2026-01-05T10:00:02.750Z");
    assertThat(leg.trafficShiftedAfterMillis()).isEqualTo(2_750);
    assertThat(leg.writesFencedAt()).isEqualTo("2026-01-05T10:00:03.000Z");
    assertThat(leg.writesResumedAt()).isEqualTo("2026-01-05T10:00:11.250Z");
    assertThat(leg.writeUnavailableMillis()).isEqualTo(8_250);
    assertThat(leg.rpoSeconds()).isZero();
    assertThat(leg.fromRegion()).isEqualTo("us-east-1");
    assertThat(leg.toRegion()).isEqualTo("us-west-2");
    assertThat(leg.endedAt()).isEqualTo("2026-01-05T10:00:12.000Z");
    assertThat(leg.steps()).hasSize(9);
  }

  @Test
  void aFailoverWithoutAFencePhaseCannotBeTimed() {
    List<StepStatus> steps =
        List.of(
            step("shift route53", Phase.SHIFT, "10:00:01.000", "10:00:02.000"),
            step("enable target writes", Phase.ACTIVATE, "10:00:03.000", "10:00:04.000"));

    assertThatThrownBy(() -> SwitchoverLeg.measure("failover-orders", result(steps, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "failover failover-orders reported no step for the start of FENCE, so it cannot be"
                + " timed");
  }

  private static StepStatus step(String name, Phase phase, String start, String end) {
    return new StepStatus(
        name,
        phase,
        StepState.DONE,
        "2026-01-05T" + start + "Z",
        "2026-01-05T" + end + "Z",
        SwitchoverLeg.millisBetween("2026-01-05T" + start + "Z", "2026-01-05T" + end + "Z"),
        "");
  }

  private static FailoverResult result(List<StepStatus> steps, RpoEstimate rpo) {
    return new FailoverResult(
        "orders",
        FailoverMode.DRILL,
        "us-east-1",
        "us-west-2",
        Phase.COMPLETED,
        "done",
        steps,
        null,
        rpo,
        0,
        List.of(),
        12_000);
  }
}
