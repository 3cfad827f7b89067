package dev.regionfailover.workflows.reconcile;

import dev.regionfailover.workflows.finding.Finding;
import java.util.List;

/**
 * Renders reports and status as Markdown: the report for the audit trail and the CLI, the status
 * for the CLI and for the Temporal UI's current details. Pure, so workflow code may call it.
 */
public final class ReconcileMarkdown {

  private ReconcileMarkdown() {}

  /** The whole report. */
  public static String render(ReconcileReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Reconcile report: ")
        .append(report.app())
        .append(" (")
        .append(report.oldRegion())
        .append(" -> ")
        .append(report.writerRegion())
        .append(")\n\n");
    md.append("**Outcome: ").append(report.outcome()).append("**");
    if (report.summary() != null) {
      md.append(" - ").append(report.summary());
    }
    md.append("\n\n| | |\n|---|---|\n");
    row(md, "Workflow", report.workflowId());
    row(md, "Failover", report.failoverWorkflowId());
    row(md, "Requested by", report.requestedBy());
    row(md, "Started", report.startedAt());
    row(md, "Failover window start", report.windowStart());
    row(md, "Old region answered", report.recoveredAt());
    row(md, "Recovery noticed by", report.recoveredBy());
    row(md, "Finished", report.finishedAt());
    row(
        md,
        "Audit item",
        report.auditKey() == null ? null : "pk=" + report.app() + ", sk=" + report.auditKey());
    for (ReconcileSection section : report.sections()) {
      md.append("\n## ").append(section.title()).append(": ").append(section.verdict());
      md.append("\n\n");
      findings(md, section.findings());
    }
    conflicts(md, report.conflicts());
    backlogs(md, report.backlogs());
    redrives(md, report.redrives());
    return md.toString();
  }

  /** The status: the wait, then each check, then the report once there is one. */
  public static String render(ReconcileStatus status) {
    StringBuilder md = new StringBuilder();
    md.append("**Reconcile ")
        .append(status.app())
        .append("** ")
        .append(status.oldRegion() == null ? "?" : status.oldRegion())
        .append(" -> ")
        .append(status.writerRegion() == null ? "?" : status.writerRegion())
        .append(": **")
        .append(status.stage())
        .append("**\n\n");
    RecoveryWait wait = status.waitingFor();
    if (wait != null) {
      md.append("Waiting for: ")
          .append(wait.what())
          .append(" (since ")
          .append(wait.since())
          .append(", gives up at ")
          .append(wait.deadline())
          .append(")\n\nHow it ends: ")
          .append(wait.how())
          .append("\n\nProbes so far: ")
          .append(wait.probes());
      if (wait.lastProbe() != null) {
        md.append("; last: ").append(wait.lastProbe());
      }
      if (wait.nextProbeAt() != null) {
        md.append("; next at ").append(wait.nextProbeAt());
      }
      md.append("\n\n");
    }
    for (CheckProgress check : status.checks()) {
      md.append("- ").append(check.state()).append(' ').append(check.name());
      if (check.detail() != null && !check.detail().isEmpty()) {
        md.append(": ").append(check.detail());
      }
      md.append('\n');
    }
    if (status.report() != null) {
      md.append('\n').append(render(status.report()));
    }
    return md.toString();
  }

  private static void findings(StringBuilder md, List<Finding> findings) {
    if (findings.isEmpty()) {
      md.append("Nothing to check.\n");
    }
    for (Finding f : findings) {
      md.append("- **")
          .append(f.verdict())
          .append("** ")
          .append(f.check())
          .append(" (")
          .append(f.resource())
          .append("): observed ")
          .append(f.observed())
          .append("; expected ")
          .append(f.expected())
          .append('\n');
    }
  }

  private static void conflicts(StringBuilder md, List<TableConflicts> tables) {
    for (TableConflicts table : tables) {
      md.append("\n### Conflicts in ")
          .append(table.table())
          .append(": ")
          .append(table.total())
          .append(" of ")
          .append(table.compared())
          .append(" items");
      if (table.listed().size() < table.total()) {
        md.append(" (first ").append(table.listed().size()).append(" listed)");
      }
      md.append("\n\n");
      if (table.listed().isEmpty()) {
        continue;
      }
      md.append("| Key | ")
          .append(table.oldRegion())
          .append(" (old) | ")
          .append(table.writerRegion())
          .append(" (writer) | Differs |\n|---|---|---|---|\n");
      for (ItemConflict conflict : table.listed()) {
        md.append("| ")
            .append(cell(conflict.key()))
            .append(" | ")
            .append(cell(conflict.oldRegionItem()))
            .append(" | ")
            .append(cell(conflict.writerRegionItem()))
            .append(" | ")
            .append(cell(conflict.differs()))
            .append(" |\n");
      }
    }
  }

  private static void backlogs(StringBuilder md, List<QueueBacklog> backlogs) {
    if (backlogs.isEmpty()) {
      return;
    }
    md.append("\n### Messages in the old region's queues\n\n")
        .append("| Region | Queue | Kind | Visible | In flight | Delayed |\n")
        .append("|---|---|---|---|---|---|\n");
    for (QueueBacklog queue : backlogs) {
      md.append("| ")
          .append(queue.region())
          .append(" | ")
          .append(cell(queue.queue()))
          .append(" | ")
          .append(queue.deadLetter() ? "dead-letter" : "queue")
          .append(queue.missing() ? " (missing)" : "")
          .append(" | ")
          .append(queue.visible())
          .append(" | ")
          .append(queue.inFlight())
          .append(" | ")
          .append(queue.delayed())
          .append(" |\n");
    }
  }

  private static void redrives(StringBuilder md, List<RedriveResult> redrives) {
    if (redrives.isEmpty()) {
      return;
    }
    md.append("\n### Dead letters redriven (at least once: a message may arrive twice)\n\n");
    for (RedriveResult r : redrives) {
      md.append("- ")
          .append(r.deadLetterQueue())
          .append(" in ")
          .append(r.fromRegion())
          .append(" -> ")
          .append(r.queue())
          .append(" in ")
          .append(r.toRegion())
          .append(": ")
          .append(r.moved())
          .append(" moved, about ")
          .append(r.remaining())
          .append(" left\n");
    }
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value == null ? "-" : cell(value));
    md.append(" |\n");
  }

  /** A table cell: pipes escaped and line breaks flattened, so the table stays one row. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }
}
