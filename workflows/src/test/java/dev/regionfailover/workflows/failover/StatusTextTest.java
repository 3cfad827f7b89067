package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.pins.RepinProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table {@code ./failover status} prints, and the current details the UI shows. */
class StatusTextTest {

  @Test
  void failoverWaitingForApproval() {
    FailoverStatus status =
        new FailoverStatus(
            "orders",
            FailoverMode.PLANNED,
            "us-east-1",
            "us-west-2",
            "bob",
            "quarterly rotation",
            Phase.AWAIT_APPROVAL,
            List.of(
                new StepStatus(
                    "assess",
                    Phase.ASSESS,
                    StepState.DONE,
                    "2025-03-01T02:14:07.250Z",
                    "2025-03-01T02:14:08.480Z",
                    1230,
                    "target ready"),
                new StepStatus(
                    "shift-route53",
                    Phase.SHIFT,
                    StepState.DONE,
                    "2025-03-01T02:14:08.500Z",
                    "2025-03-01T02:16:13.500Z",
                    125_000,
                    "api.orders.example.com -> api-usw2.orders.example.com"),
                new StepStatus(
                    "fence",
                    Phase.FENCE,
                    StepState.RUNNING,
                    "2025-03-01T02:16:14Z",
                    null,
                    0,
                    null)),
            new WaitingFor(
                "approval to promote us-west-2 from alice or bob",
                "2025-03-01T02:16:20Z",
                "2025-03-01T03:16:20Z",
                "./failover approve orders --as NAME"),
            List.of(),
            List.of(
                new SignalRecord(
                    "approvePromotion",
                    "bob",
                    "go",
                    "2025-03-01T02:16:30Z",
                    false,
                    "bob requested this failover"),
                new SignalRecord("abort", "carol", "", "2025-03-01T02:16:40Z", true, null)),
            new AuthorityRecord(
                "orders",
                null,
                8,
                AuthorityState.FENCED,
                "failover-orders",
                "2025-03-01T02:16:14Z"),
            new RpoEstimate(0L, "switchover"),
            0,
            List.of(
                Finding.pass("aurora-lag", "orders-usw2", "0.8 s", "at most 5 s"),
                Finding.warn("dns-ttl", "api.orders.example.com", "300 s", "at most 60 s")),
            null,
            null);

    assertThat(StatusText.render(status))
        .isEqualTo(
            """
            Failover of orders
              mode          PLANNED
              regions       us-east-1 -> us-west-2
              requested by  bob
              reason        quarterly rotation
              phase         AWAIT_APPROVAL
              outcome       -

            Authority
              writer region  none (no region may write)
              epoch          8
              state          FENCED
              workflow       failover-orders
              updated        2025-03-01 02:16:14Z

            Waiting for
              what      approval to promote us-west-2 from alice or bob
              since     2025-03-01 02:16:20Z
              deadline  2025-03-01 03:16:20Z
              how       ./failover approve orders --as NAME

            Steps
              NAME           PHASE   STATE    STARTED               DURATION  DETAIL
              assess         ASSESS  DONE     2025-03-01 02:14:07Z  1.2 s     target ready
              shift-route53  SHIFT   DONE     2025-03-01 02:14:08Z  2m 05s    api.orders.example.com -> api-usw2.orders.example.com
              fence          FENCE   RUNNING  2025-03-01 02:16:14Z  running   -

            Signals received
              SIGNAL            BY     AT                    RESULT                                     TEXT
              approvePromotion  bob    2025-03-01 02:16:30Z  not accepted: bob requested this failover  go
              abort             carol  2025-03-01 02:16:40Z  accepted                                   -

            Findings
              VERDICT  CHECK       RESOURCE                OBSERVED  EXPECTED
              PASS     aurora-lag  orders-usw2             0.8 s     at most 5 s
              WARN     dns-ttl     api.orders.example.com  300 s     at most 60 s

            Data
              RPO                 0 s (switchover)
              entities re-pinned  0
            """);
  }

  @Test
  void failoverThatHasJustStarted() {
    FailoverStatus status =
        new FailoverStatus(
            "orders",
            FailoverMode.DRILL,
            null,
            "us-west-2",
            "scheduler",
            "",
            Phase.ASSESS,
            List.of(),
            null,
            List.of("ECS service orders-use1/order-worker in us-east-1"),
            List.of(),
            null,
            null,
            0,
            List.of(),
            null,
            null);

    assertThat(StatusText.render(status))
        .contains("  regions       - -> us-west-2\n")
        .contains("Authority\n  not read yet\n")
        .contains("Waiting for\n  nothing\n")
        .contains(
            "Not fenced: the old region did not answer\n  ECS service orders-use1/order-worker in us-east-1\n")
        .contains("Steps\n  none yet\n")
        .contains("Signals received\n  none\n")
        .contains("Findings\n  none\n")
        .contains("  RPO                 not measured yet\n");
  }

  @Test
  void aRecoveryIsTitledAsOne() {
    FailoverStatus status =
        new FailoverStatus(
            "orders",
            FailoverMode.RECOVER,
            "us-west-2",
            "us-east-1",
            "carol",
            "failover-orders was terminated",
            Phase.AWAIT_APPROVAL,
            List.of(),
            null,
            List.of(),
            List.of(),
            null,
            null,
            0,
            List.of(),
            null,
            null);

    assertThat(StatusText.render(status))
        .startsWith("Recovery of orders\n")
        .contains("  mode          RECOVER\n");
  }

  @Test
  void failoverRepinningShowsProgress() {
    FailoverStatus status =
        new FailoverStatus(
            "orders",
            FailoverMode.PLANNED,
            "us-east-1",
            "us-west-2",
            "bob",
            "rotation",
            Phase.REPIN,
            List.of(),
            null,
            List.of(),
            List.of(),
            null,
            null,
            0,
            List.of(),
            null,
            new RepinProgress(10_000, 4_000, 6_000, 500, 12L, 3, 1, 4, 0));

    assertThat(StatusText.render(status))
        .contains(
            "Re-pin progress\n  moved 4,000 of 10,000 (6,000 left) at 500/s, about 12s left;"
                + " 1 of 4 segments done; 3 re-read after a concurrent change\n");
  }

  @Test
  void aRecoveryShowsItsProposal() {
    FailoverStatus status =
        new FailoverStatus(
            "orders",
            FailoverMode.RECOVER,
            "us-west-2",
            "us-east-1",
            "carol",
            "",
            Phase.AWAIT_APPROVAL,
            List.of(),
            new WaitingFor(
                "approval to roll back to us-east-1 with 2 changes",
                "2026-12-04T10:00:00Z",
                null,
                "./failover approve orders --as NAME"),
            List.of(),
            List.of(),
            new AuthorityRecord(
                "orders", null, 2, AuthorityState.FENCED, "failover-orders", "2026-12-04T09:59Z"),
            null,
            0,
            List.of(
                Finding.warn("recovery-reason", "orders", "Aurora's writer is still us-east-1", ""),
                Finding.warn("recovery-change", "us-east-1", "enable writes: flag to true", ""),
                Finding.pass("aurora-membership", "cluster", "member", "member")),
            null,
            null);

    String text = StatusText.details(status);

    assertThat(text)
        .contains(
            "Proposal:\n- Aurora's writer is still us-east-1\n- enable writes: flag to true\n\n")
        .doesNotContain("- member");
  }
}
