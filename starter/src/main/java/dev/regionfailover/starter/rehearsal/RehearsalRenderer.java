package dev.regionfailover.starter.rehearsal;

import dev.regionfailover.starter.failover.TextTable;
import dev.regionfailover.starter.failover.Times;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.RehearsalStep;
import dev.regionfailover.workflows.rehearsal.SwitchoverLeg;

/** The report of a finished rehearsal: the figures first, then how each step went. */
public final class RehearsalRenderer {

  private static final String INDENT = "  ";

  private RehearsalRenderer() {}

  public static String render(RehearsalResult result) {
    StringBuilder out = new StringBuilder();
    out.append("Rehearsal of ")
        .append(result.app())
        .append(' ')
        .append(result.outcome())
        .append(" in ")
        .append(Times.duration(result.totalMillis()))
        .append(" (")
        .append(result.sourceRegion())
        .append(" -> ")
        .append(result.targetRegion())
        .append(result.rotate() ? ", rotation" : " and back")
        .append(")\n");
    out.append(INDENT).append(result.summary()).append("\n\n");

    out.append("Figures\n");
    TextTable figures = new TextTable(2);
    figures.row("start to traffic shifted", Times.duration(result.startToTrafficShiftedMillis()));
    figures.row("writes unavailable", outage(result.switchover()));
    if (result.switchBack() != null) {
      figures.row("writes unavailable, back", outage(result.switchBack()));
    }
    figures.row("RPO", result.rpoSeconds() + " s");
    figures.row(
        "hold", result.holdFor() + ", " + result.healthChecks() + " health check(s) passed");
    figures.row("writer now", result.writerRegion());
    out.append(figures.render(INDENT)).append('\n');

    out.append("Steps\n");
    TextTable steps = new TextTable(5);
    for (RehearsalStep step : result.steps()) {
      steps.row(
          step.state(),
          step.name(),
          Times.duration(step.durationMillis()),
          step.workflowId(),
          step.detail());
    }
    out.append(steps.render(INDENT));
    leg(out, "Switch-over", result.switchover());
    leg(out, "Switch-back", result.switchBack());
    if (!result.healthFindings().isEmpty()) {
      out.append("\nWarnings during the hold\n");
      for (Finding finding : result.healthFindings()) {
        out.append(INDENT).append(finding.describe()).append('\n');
      }
    }
    return out.toString();
  }

  private static String outage(SwitchoverLeg leg) {
    return Times.duration(leg.writeUnavailableMillis())
        + " ("
        + leg.fromRegion()
        + " -> "
        + leg.toRegion()
        + ", fenced "
        + Times.format(leg.writesFencedAt())
        + ", writes on "
        + Times.format(leg.writesResumedAt())
        + ")";
  }

  private static void leg(StringBuilder out, String title, SwitchoverLeg leg) {
    if (leg == null) {
      return;
    }
    out.append('\n')
        .append(title)
        .append(' ')
        .append(leg.fromRegion())
        .append(" -> ")
        .append(leg.toRegion())
        .append(" (workflow ")
        .append(leg.workflowId())
        .append(", ")
        .append(Times.duration(leg.totalMillis()))
        .append(", traffic shifted after ")
        .append(Times.duration(leg.trafficShiftedAfterMillis()))
        .append(")\n");
    TextTable steps = new TextTable(4);
    for (StepStatus step : leg.steps()) {
      steps.row(step.phase(), step.name(), Times.duration(step.durationMillis()), step.state());
    }
    out.append(steps.render(INDENT));
  }
}
