package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.failover.StepState;
import dev.regionfailover.workflows.failover.StepStatus;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.render.Details;
import dev.regionfailover.workflows.render.Phrases;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import java.util.List;

/**
 * A rehearsal as text: the report of a finished one (the figures first, then how each step went),
 * which the CLI prints, and the status of a running one as the workflow's current details. Pure, so
 * workflow code may call it.
 */
public final class RehearsalText {

  private static final String INDENT = "  ";

  private RehearsalText() {}

  public static String render(RehearsalResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        Phrases.finished(
            "Rehearsal",
            result.app(),
            result.outcome(),
            result.totalMillis(),
            "%s -> %s%s"
                .formatted(
                    result.sourceRegion(),
                    result.targetRegion(),
                    result.rotate() ? ", rotation" : " and back")));
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
        "hold", "%s, %s health check(s) passed".formatted(result.holdFor(), result.healthChecks()));
    figures.row("writer now", result.writerRegion());
    out.append(figures.render(INDENT)).append('\n');

    out.append("Steps\n");
    steps(out, result.steps());
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

  /**
   * Where a running rehearsal stands, as the workflow's current details: its phase, what runs or
   * holds now, and its steps in the table the report shows.
   */
  static String details(RehearsalStatus status) {
    StringBuilder out = new StringBuilder();
    out.append(
        "Rehearsal of %s %s%s: phase %s\n"
            .formatted(
                status.app(),
                Phrases.route(status.sourceRegion(), status.targetRegion()),
                status.rotate() ? " (rotation: stays)" : " and back",
                status.phase()));
    if (status.runningWorkflowId() != null) {
      out.append(INDENT)
          .append("running: workflow ")
          .append(status.runningWorkflowId())
          .append('\n');
    }
    if (status.holdUntil() != null && status.phase() == RehearsalPhase.HOLD) {
      out.append(INDENT)
          .append(
              "holding in %s until %s; %s health check(s) so far\n"
                  .formatted(status.targetRegion(), status.holdUntil(), status.healthChecks()));
    }
    if (status.outcome() != null) {
      out.append(INDENT).append("outcome: ").append(status.outcome()).append('\n');
    }
    out.append("\nSteps\n");
    steps(out, status.steps());
    return Details.preformatted(out.toString());
  }

  private static void steps(StringBuilder out, List<RehearsalStep> steps) {
    TextTable table = new TextTable(5);
    for (RehearsalStep step : steps) {
      table.row(
          step.state(),
          step.name(),
          step.state() == StepState.RUNNING ? "running" : Times.duration(step.durationMillis()),
          step.workflowId(),
          step.detail());
    }
    out.append(table.render(INDENT));
  }

  private static String outage(SwitchoverLeg leg) {
    return "%s (%s -> %s, fenced %s, writes on %s)"
        .formatted(
            Times.duration(leg.writeUnavailableMillis()),
            leg.fromRegion(),
            leg.toRegion(),
            Times.format(leg.writesFencedAt()),
            Times.format(leg.writesResumedAt()));
  }

  private static void leg(StringBuilder out, String title, SwitchoverLeg leg) {
    if (leg == null) {
      return;
    }
    out.append(
        "\n%s %s -> %s (workflow %s, %s, traffic shifted after %s)\n"
            .formatted(
                title,
                leg.fromRegion(),
                leg.toRegion(),
                leg.workflowId(),
                Times.duration(leg.totalMillis()),
                Times.duration(leg.trafficShiftedAfterMillis())));
    TextTable steps = new TextTable(4);
    for (StepStatus step : leg.steps()) {
      steps.row(step.phase(), step.name(), Times.duration(step.durationMillis()), step.state());
    }
    out.append(steps.render(INDENT));
  }
}
