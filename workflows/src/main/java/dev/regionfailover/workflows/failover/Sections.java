package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import java.util.List;

/** The parts that the status of a failover and the summary of a finished one share. */
final class Sections {

  static final String INDENT = "  ";

  private Sections() {}

  static void title(StringBuilder out, String title) {
    out.append('\n').append(title).append('\n');
  }

  static void line(StringBuilder out, String text) {
    out.append(INDENT).append(text).append('\n');
  }

  static void authority(StringBuilder out, AuthorityRecord authority) {
    title(out, "Authority");
    if (authority == null) {
      line(out, "not read yet");
      return;
    }
    out.append(
        new TextTable(2)
            .row(
                "writer region",
                authority.writerRegion() == null
                    ? "none (no region may write)"
                    : authority.writerRegion())
            .row("epoch", authority.epoch())
            .row("state", authority.state())
            .row("workflow", authority.workflowId())
            .row("updated", Times.format(authority.updatedAt()))
            .render(INDENT));
  }

  static void steps(StringBuilder out, List<StepStatus> steps, boolean withStart) {
    title(out, "Steps");
    if (steps == null || steps.isEmpty()) {
      line(out, "none yet");
      return;
    }
    TextTable table =
        withStart
            ? new TextTable(6).row("NAME", "PHASE", "STATE", "STARTED", "DURATION", "DETAIL")
            : new TextTable(5).row("NAME", "PHASE", "STATE", "DURATION", "DETAIL");
    for (StepStatus step : steps) {
      String duration =
          step.state() == StepState.RUNNING ? "running" : Times.duration(step.durationMillis());
      if (withStart) {
        table.row(
            step.name(),
            step.phase(),
            step.state(),
            Times.format(step.startedAt()),
            duration,
            text(step.detail()));
      } else {
        table.row(step.name(), step.phase(), step.state(), duration, text(step.detail()));
      }
    }
    out.append(table.render(INDENT));
  }

  static void findings(StringBuilder out, List<Finding> findings) {
    title(out, "Findings");
    if (findings == null || findings.isEmpty()) {
      line(out, "none");
      return;
    }
    TextTable table = new TextTable(5).row("VERDICT", "CHECK", "RESOURCE", "OBSERVED", "EXPECTED");
    for (Finding finding : findings) {
      table.row(
          finding.verdict(),
          finding.check(),
          finding.resource(),
          text(finding.observed()),
          text(finding.expected()));
    }
    out.append(table.render(INDENT));
  }

  static void data(StringBuilder out, RpoEstimate rpo, long entitiesRepinned) {
    title(out, "Data");
    out.append(
        new TextTable(2)
            .row("RPO", rpo == null ? "not measured yet" : rpo(rpo))
            .row("entities re-pinned", entitiesRepinned)
            .render(INDENT));
  }

  static String rpo(RpoEstimate rpo) {
    String basis = rpo.basis() == null || rpo.basis().isBlank() ? "" : " (" + rpo.basis() + ")";
    return (rpo.seconds() == null ? "unknown" : rpo.seconds() + " s") + basis;
  }

  static String regions(String source, String target) {
    return text(source) + " -> " + text(target);
  }

  /** Text for a cell: a dash for nothing, so that an empty value is visibly empty. */
  static String text(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }
}
