package dev.regionfailover.starter.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import io.temporal.client.WorkflowOptions;
import org.junit.jupiter.api.Test;

/** What the Temporal UI shows of each workflow the CLI starts. */
class WorkflowSummariesTest {

  @Test
  void aPlannedFailoverSaysWhatWhereWhoAndWhyAndHowToApprove() {
    StartSummary summary =
        WorkflowSummaries.failover(
            new FailoverRequest(
                "orders", "us-west-2", FailoverMode.PLANNED, "quarterly rotation", "carol"));

    assertThat(summary.summary())
        .isEqualTo(
            "PLANNED failover of orders to us-west-2, requested by carol: quarterly rotation");
    assertThat(summary.details())
        .startsWith("**RegionFailover** of `orders` to `us-west-2`, mode PLANNED.\n\n")
        .contains("- Requested by: carol\n- Reason: quarterly rotation\n")
        .contains("Promotion waits for one approver")
        .contains("signal `approvePromotion` with `{\"approver\":\"NAME\",\"comment\":\"...\"}`")
        .contains("`./failover approve orders --as NAME`")
        .contains("signal `denyPromotion` with `{\"approver\":\"NAME\",\"reason\":\"...\"}`")
        .endsWith("the current details show the phase and what it waits for.");
  }

  @Test
  void defaultsFillWhatTheRequestLeftOut() {
    StartSummary summary =
        WorkflowSummaries.failover(
            new FailoverRequest("orders", "us-west-2", "unplanned", null, "dave"));

    assertThat(summary.summary())
        .isEqualTo("UNPLANNED failover of orders to us-west-2, requested by dave");
    assertThat(summary.details())
        .contains("- Reason: (none given)")
        .contains("Promotion waits for two distinct approvers");
  }

  @Test
  void aDrillApprovesItself() {
    StartSummary summary =
        WorkflowSummaries.failover(
            new FailoverRequest("orders", "us-west-2", FailoverMode.DRILL, "", "bob"));

    assertThat(summary.summary())
        .isEqualTo("DRILL failover of orders to us-west-2, requested by bob");
    assertThat(summary.details())
        .contains("A DRILL approves its own promotion.")
        .doesNotContain("approvePromotion");
  }

  @Test
  void rehearsalsStartedNowAndByASchedule() {
    RehearsalRequest back = RehearsalRequest.of("orders", "us-west-2", "PT10M", false, "carol");
    RehearsalRequest rotation = RehearsalRequest.of("orders", "us-west-2", null, true, null);

    assertThat(WorkflowSummaries.rehearsal(back).summary())
        .isEqualTo(
            "Rehearsal of orders: switchover to us-west-2, hold PT10M, then back, requested by"
                + " carol");
    assertThat(WorkflowSummaries.rehearsal(rotation).summary())
        .isEqualTo("Rehearsal of orders: switchover to us-west-2, then stay (rotation)");
    assertThat(WorkflowSummaries.rehearsal(rotation).details()).contains("it stays there.");
    StartSummary scheduled = WorkflowSummaries.scheduledRehearsal("rehearsal-orders-weekly", back);
    assertThat(scheduled.summary()).startsWith("Scheduled rehearsal of orders: switchover");
    assertThat(scheduled.details())
        .isEqualTo(
            "**SwitchoverRehearsal** of `orders` started by schedule `rehearsal-orders-weekly`:"
                + " readiness, a DRILL failover to `us-west-2`, a hold with health checks, and a"
                + " DRILL failover back. See `./failover schedule describe orders`.")
        .doesNotContain("\n");
  }

  @Test
  void reconcileMonitorAndReadiness() {
    assertThat(
            WorkflowSummaries.reconcile(
                    new ReconcileRequest("orders", "us-east-1", null, 0, null, "dave"))
                .summary())
        .isEqualTo(
            "Reconciliation of orders: old region us-east-1, writer from the authority ledger,"
                + " requested by dave");
    assertThat(
            WorkflowSummaries.reconcile(
                    new ReconcileRequest(
                        "orders", "us-east-1", "us-west-2", 1, "failover-orders", null))
                .details())
        .contains("since failover `failover-orders`.")
        .contains("`./failover reconcile recovered orders`");
    assertThat(WorkflowSummaries.monitor("orders").summary()).isEqualTo("Health monitor of orders");
    assertThat(WorkflowSummaries.readiness(new ReadinessRequest("orders", null)).summary())
        .isEqualTo("Readiness check of orders, failover to the estate's other region");
    assertThat(WorkflowSummaries.readiness(new ReadinessRequest("orders", "us-west-2")).summary())
        .isEqualTo("Readiness check of orders, failover to us-west-2");
  }

  @Test
  void theSummaryGoesIntoTheWorkflowOptions() {
    WorkflowOptions options =
        new StartSummary("one line", "**more**").addTo(WorkflowOptions.newBuilder()).build();

    assertThat(options.getStaticSummary()).isEqualTo("one line");
    assertThat(options.getStaticDetails()).isEqualTo("**more**");
  }
}
