package dev.regionfailover.starter.readiness;

import dev.regionfailover.starter.failover.TextTable;
import dev.regionfailover.starter.failover.Times;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import java.time.Instant;
import java.util.Locale;

/** A readiness report as an operator reads it: the verdict first, then one row per finding. */
public final class ReadinessRenderer {

  private ReadinessRenderer() {}

  public static String render(ReadinessReport report, String workflowId) {
    long failed = count(report, Verdict.FAIL);
    long warned = count(report, Verdict.WARN);
    StringBuilder text = new StringBuilder();
    text.append("Readiness of ")
        .append(report.app())
        .append(" to fail over from ")
        .append(report.sourceRegion() == null ? "an unknown writer" : report.sourceRegion())
        .append(" to ")
        .append(report.targetRegion())
        .append(": ")
        .append(report.ready() ? "READY" : "NOT READY")
        .append('\n');
    text.append("  ")
        .append(report.findings().size())
        .append(" checks: ")
        .append(report.findings().size() - failed - warned)
        .append(" passed, ")
        .append(warned)
        .append(" warned, ")
        .append(failed)
        .append(" failed\n");
    text.append("  workflow ")
        .append(workflowId)
        .append(", checked ")
        .append(Times.format(Instant.ofEpochMilli(report.checkedAtMillis()).toString()))
        .append("\n\n");
    TextTable table = new TextTable(4).row("RESULT", "CHECK", "RESOURCE", "OBSERVED");
    for (Finding finding : report.findings()) {
      String observed =
          finding.verdict() == Verdict.PASS
              ? finding.observed()
              : finding.observed() + " (expected " + finding.expected() + ")";
      table.row(
          finding.verdict().name().toLowerCase(Locale.ROOT),
          finding.check(),
          finding.resource(),
          observed);
    }
    text.append(table.render("  "));
    return text.toString();
  }

  private static long count(ReadinessReport report, Verdict verdict) {
    return report.findings().stream().filter(f -> f.verdict() == verdict).count();
  }
}
