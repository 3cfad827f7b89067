package dev.regionfailover.starter.rehearsal;

import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.rehearsal.RehearsalPhase;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.RehearsalStatus;
import dev.regionfailover.workflows.rehearsal.RehearsalStep;
import dev.regionfailover.workflows.rehearsal.SwitchoverLeg;
import dev.regionfailover.workflows.rehearsal.SwitchoverRehearsalWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in for the rehearsal workflow: it records its input, holds for {@code holdFor} of
 * workflow time, then returns fixed figures, or fails when the reason is {@code fail}.
 */
public class FakeRehearsalWorkflow implements SwitchoverRehearsalWorkflow {

  private final List<RehearsalRequest> requests;

  FakeRehearsalWorkflow(List<RehearsalRequest> requests) {
    this.requests = requests;
  }

  @Override
  public RehearsalResult run(RehearsalRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
    Workflow.sleep(Duration.parse(request.holdFor()));
    if ("fail".equals(request.reason())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "health check 2: us-east-1 is not ready to take over orders", "NotReady");
    }
    return result();
  }

  @Override
  public RehearsalStatus status() {
    return null;
  }

  static RehearsalResult result() {
    SwitchoverLeg out = leg("us-east-1", "us-west-2", "2026-01-06T03:00:01Z", 4_200);
    SwitchoverLeg back = leg("us-west-2", "us-east-1", "2026-01-06T03:10:21Z", 3_900);
    return new RehearsalResult(
        "orders",
        "us-east-1",
        "us-west-2",
        false,
        "PT10M",
        "carol",
        RehearsalPhase.COMPLETED,
        "us-west-2 took over orders for PT10M and handed it back to us-east-1",
        "us-east-1",
        List.of(
            new RehearsalStep(
                "check readiness",
                RehearsalPhase.READINESS,
                StepState.DONE,
                "2026-01-06T03:00:00Z",
                "2026-01-06T03:00:01Z",
                1_000,
                "rehearsal-orders-readiness",
                "12 checks, none failed, writer us-east-1")),
        List.of(),
        10,
        List.of(Finding.warn("record-ttl", "api.orders.example.com", "120 s", "at most 60 s")),
        out,
        back,
        2_500,
        4_200,
        0,
        640_000);
  }

  private static SwitchoverLeg leg(String from, String to, String started, long outage) {
    return new SwitchoverLeg(
        "failover-orders",
        from,
        to,
        Phase.COMPLETED,
        started,
        "2026-01-06T03:00:02.500Z",
        "2026-01-06T03:00:03Z",
        "2026-01-06T03:00:07.200Z",
        "2026-01-06T03:00:09Z",
        1_500,
        outage,
        0L,
        "switchover synchronizes the secondary before promoting it",
        8_000,
        List.of(
            new StepStatus(
                "shift route53",
                Phase.SHIFT,
                StepState.DONE,
                started,
                "2026-01-06T03:00:02.500Z",
                1_500,
                "")));
  }
}
