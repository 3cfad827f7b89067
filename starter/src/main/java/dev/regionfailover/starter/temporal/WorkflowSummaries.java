package dev.regionfailover.starter.temporal;

import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RecoverRequest;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import java.util.Locale;

/**
 * The summary and details that each workflow the CLI starts shows in the Temporal UI: what was
 * asked, by whom and why, and how an operator acts on it. The source region of a failover is not
 * named: only the worker knows which region writes now, and the workflow's current details say it
 * once the assessment has read it.
 */
public final class WorkflowSummaries {

  private WorkflowSummaries() {}

  /** {@code PLANNED failover of orders to us-west-2, requested by carol: quarterly rotation}. */
  public static StartSummary failover(FailoverRequest request) {
    FailoverRequest full = request.withDefaults();
    String mode = full.mode().toUpperCase(Locale.ROOT);
    String app = full.app();
    String summary =
        mode
            + " failover of "
            + app
            + " to "
            + full.targetRegion()
            + ", requested by "
            + full.requestedBy()
            + (full.reason().isBlank() ? "" : ": " + full.reason());
    StringBuilder details = new StringBuilder();
    details
        .append("**RegionFailover** of `")
        .append(app)
        .append("` to `")
        .append(full.targetRegion())
        .append("`, mode ")
        .append(mode)
        .append(".\n\n");
    details.append("- Requested by: ").append(full.requestedBy()).append('\n');
    details
        .append("- Reason: ")
        .append(full.reason().isBlank() ? "(none given)" : full.reason())
        .append("\n\n");
    if (FailoverMode.DRILL.name().equals(mode)) {
      details.append("A DRILL approves its own promotion.\n");
    } else {
      details
          .append(
              FailoverMode.UNPLANNED.name().equals(mode)
                  ? "Promotion waits for two distinct approvers"
                  : "Promotion waits for one approver")
          .append(" on the estate's allow-list, other than the requester:\n\n")
          .append("- approve: signal `approvePromotion` with")
          .append(" `{\"approver\":\"NAME\",\"comment\":\"...\"}`, or `./failover approve ")
          .append(app)
          .append(" --as NAME`\n")
          .append("- deny (undoes everything): signal `denyPromotion` with")
          .append(" `{\"approver\":\"NAME\",\"reason\":\"...\"}`\n");
    }
    details
        .append("\nFollow it with the query `status` or `./failover status ")
        .append(app)
        .append("`; the current details show the phase and what it waits for.");
    return new StartSummary(summary, details.toString());
  }

  /**
   * {@code Recover authority of orders after failover run X (TERMINATED), requested by carol: ...}.
   * {@code interruptedStatus} is how the run that {@code request} names closed, or null when it
   * names none.
   */
  public static StartSummary recovery(RecoverRequest request, String interruptedStatus) {
    RecoverRequest full = request.withDefaults();
    String app = full.app();
    String from =
        full.interruptedRunId() == null
            ? "no earlier failover found; recovery reads AWS alone"
            : "after failover run " + full.interruptedRunId() + " (" + interruptedStatus + ")";
    String summary =
        "Recover authority of "
            + app
            + " "
            + (full.interruptedRunId() == null ? "(" + from + ")" : from)
            + ", requested by "
            + full.requestedBy()
            + (full.reason().isBlank() ? "" : ": " + full.reason());
    String interrupted =
        full.interruptedRunId() == null
            ? "none found; recovery reads AWS alone"
            : "run `" + full.interruptedRunId() + "` (" + interruptedStatus + ")";
    String details =
        "**RecoverAuthority** of `"
            + app
            + "`: reads every ledger copy, Aurora's writer, the traffic layers, the fleets and the"
            + " write flags, then proposes rolling back to the source or forward to Aurora's"
            + " writer, and waits for approval before it changes anything.\n\n"
            + "- Requested by: "
            + full.requestedBy()
            + "\n- Reason: "
            + (full.reason().isBlank() ? "(none given)" : full.reason())
            + "\n- Interrupted failover: "
            + interrupted
            + "\n\nRead the proposal with the query `status` or `./failover status "
            + app
            + "`. Where data may be lost it waits for two distinct approvers.\n\n"
            + "- approve: signal `approvePromotion` with"
            + " `{\"approver\":\"NAME\",\"comment\":\"...\"}`, or `./failover approve "
            + app
            + " --as NAME`\n"
            + "- deny (changes nothing): signal `denyPromotion` with"
            + " `{\"approver\":\"NAME\",\"reason\":\"...\"}`\n";
    return new StartSummary(summary, details);
  }

  /** A rehearsal started now: {@code Rehearsal of orders: switchover to us-west-2, ...}. */
  public static StartSummary rehearsal(RehearsalRequest request) {
    return new StartSummary(
        rehearsalSummary("Rehearsal", request),
        "**SwitchoverRehearsal** of `"
            + request.app()
            + "`: "
            + rehearsalSteps(request)
            + "\n\nFollow it with the query `status`.");
  }

  /**
   * The same for each rehearsal a schedule starts. The details are one line, so that the {@code
   * temporal schedule create} command of docs/rehearsal.md can give them as they are.
   */
  public static StartSummary scheduledRehearsal(String scheduleId, RehearsalRequest request) {
    return new StartSummary(
        rehearsalSummary("Scheduled rehearsal", request),
        "**SwitchoverRehearsal** of `"
            + request.app()
            + "` started by schedule `"
            + scheduleId
            + "`: "
            + rehearsalSteps(request)
            + " See `./failover schedule describe "
            + request.app()
            + "`.");
  }

  private static String rehearsalSummary(String what, RehearsalRequest request) {
    return what
        + " of "
        + request.app()
        + ": switchover to "
        + request.targetRegion()
        + (request.holdFor() == null ? "" : ", hold " + request.holdFor())
        + (Boolean.TRUE.equals(request.rotate()) ? ", then stay (rotation)" : ", then back")
        + (request.requestedBy() == null ? "" : ", requested by " + request.requestedBy());
  }

  private static String rehearsalSteps(RehearsalRequest request) {
    return "readiness, a DRILL failover to `"
        + request.targetRegion()
        + "`, a hold with health checks"
        + (Boolean.TRUE.equals(request.rotate())
            ? "; it stays there."
            : ", and a DRILL failover back.");
  }

  /** {@code Reconciliation of orders: old region us-east-1, writer us-west-2, by carol}. */
  public static StartSummary reconcile(ReconcileRequest request) {
    String writer =
        request.writerRegion() == null ? "from the authority ledger" : request.writerRegion();
    String summary =
        "Reconciliation of "
            + request.app()
            + ": old region "
            + request.oldRegion()
            + ", writer "
            + writer
            + (request.requestedBy() == null ? "" : ", requested by " + request.requestedBy());
    String details =
        "**ReconcileRegion** of `"
            + request.app()
            + "`: waits until the old region `"
            + request.oldRegion()
            + "` answers, then compares what each region wrote"
            + (request.failoverWorkflowId() == null
                ? "."
                : " since failover `" + request.failoverWorkflowId() + "`.")
            + "\n\nTell it the region is back with the signal `regionRecovered` or `./failover"
            + " reconcile recovered "
            + request.app()
            + "`; read the report with `./failover reconcile report "
            + request.app()
            + "`.";
    return new StartSummary(summary, details);
  }

  /** {@code Health monitor of orders}. */
  public static StartSummary monitor(String app) {
    return new StartSummary(
        "Health monitor of " + app,
        "**RegionHealthMonitor** of `"
            + app
            + "`: samples the health of its regions and starts a failover when the writer's region"
            + " is impaired.\n\nPause or resume it with the signals `pause` and `resume`"
            + " (`{\"by\":\"NAME\",\"reason\":\"...\"}`); see `./failover monitor status "
            + app
            + "`.");
  }

  /** {@code Readiness check of orders, failover to us-west-2}. */
  public static StartSummary readiness(ReadinessRequest request) {
    String target =
        request.targetRegion() == null ? "the estate's other region" : request.targetRegion();
    return new StartSummary(
        "Readiness check of " + request.app() + ", failover to " + target,
        "**ReadinessCheck** of `"
            + request.app()
            + "`: every check a failover's assessment makes, changing nothing. The result lists"
            + " each finding with its verdict.");
  }
}
