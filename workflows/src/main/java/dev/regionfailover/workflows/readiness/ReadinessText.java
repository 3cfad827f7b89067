package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import java.time.Instant;
import java.util.Locale;

/**
 * A readiness report as an operator reads it: the verdict first, then one row per finding. The CLI
 * prints it, and the workflow shows it as its current details. Pure, so workflow code may call it.
 */
public final class ReadinessText {

  private ReadinessText() {}

  /** The whole report. */
  public static String render(ReadinessReport report, String workflowId) {
    long failed = count(report, Verdict.FAIL);
    long warned = count(report, Verdict.WARN);
    StringBuilder text = new StringBuilder();
    text.append(headline(report)).append('\n');
    int checks = report.findings().size();
    text.append(
        "  %s checks: %s passed, %s warned, %s failed\n"
            .formatted(checks, checks - failed - warned, warned, failed));
    text.append(
        "  workflow %s, checked %s\n\n"
            .formatted(
                workflowId,
                Times.format(Instant.ofEpochMilli(report.checkedAtMillis()).toString())));
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

  /** The verdict in one line, which the report begins with and the workflow logs. */
  public static String headline(ReadinessReport report) {
    return "Readiness of %s to fail over from %s to %s: %s"
        .formatted(
            report.app(),
            report.sourceRegion() == null ? "an unknown writer" : report.sourceRegion(),
            report.targetRegion(),
            report.ready() ? "READY" : "NOT READY");
  }

  /** The current details while the checks run. */
  public static String checking(String app, String source, String target) {
    return "checking a failover of %s from %s to %s".formatted(app, source, target);
  }

  private static long count(ReadinessReport report, Verdict verdict) {
    return report.findings().stream().filter(f -> f.verdict() == verdict).count();
  }
}
