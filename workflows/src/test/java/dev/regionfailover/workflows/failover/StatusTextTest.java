package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.finding.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The current details the Temporal UI shows, which an approver reads before approving. */
class StatusTextTest {

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

    String text = StatusText.render(status);

    assertThat(text)
        .contains(
            "Proposal:\n- Aurora's writer is still us-east-1\n- enable writes: flag to true\n\n")
        .doesNotContain("- member");
  }
}
