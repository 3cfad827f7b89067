package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.render.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The evacuation's status and report as text: for the CLI, and as Markdown for the UI. */
public final class EvacuationText {

  private EvacuationText() {}

  /** The status as Markdown: a summary, the counts, the held apps and the table of apps. */
  public static String render(EvacuationStatus status) {
    StringBuilder out = new StringBuilder();
    out.append("**Evacuation ")
        .append(status.evacuationId())
        .append("**: ")
        .append(status.state())
        .append(", ")
        .append(status.mode())
        .append(", approval ")
        .append(status.approval())
        .append(", at most ")
        .append(status.maxConcurrent())
        .append(" at once, requested by ")
        .append(status.requestedBy())
        .append("\n\n");
    if (status.outcome() != null) {
      out.append(status.outcome()).append("\n\n");
    }
    out.append("Counts: ").append(counts(status.counts())).append("\n\n");
    if (status.slowest() != null) {
      out.append("Slowest: ").append(status.slowest()).append("\n\n");
    }
    out.append("Estimated time left: ")
        .append(
            status.estimatedRemainingMillis() == null
                ? "unknown until an app has finished"
                : Times.duration(status.estimatedRemainingMillis()))
        .append("\n\n");
    if (status.approvalsNeeded() > 0) {
      out.append("Approvals: ")
          .append(status.approvals().size())
          .append(" of ")
          .append(status.approvalsNeeded())
          .append(status.approvals().isEmpty() ? "" : " " + status.approvals())
          .append("\n\n");
    }
    list(out, "Held", status.held());
    list(out, "Signals", status.signals());
    list(out, "Notes", status.notes());
    out.append(table(status.apps()));
    return out.toString();
  }

  /** The apps as a Markdown table: timings, RPO and outcome. */
  public static String table(List<AppLine> apps) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| app | tier | target | state | phase | started | ended | duration | RPO | detail |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (AppLine line : apps) {
      List<String> cells = new ArrayList<>();
      cells.add(line.app() + (line.adopted() ? " (adopted)" : ""));
      cells.add(Integer.toString(line.tier()));
      cells.add(line.target());
      cells.add(line.state().name());
      cells.add(line.phase() == null ? "-" : line.phase().name());
      cells.add(Times.format(line.startedAt()));
      cells.add(Times.format(line.endedAt()));
      cells.add(line.durationMillis() == null ? "-" : Times.duration(line.durationMillis()));
      cells.add(line.rpoSeconds() == null ? "-" : line.rpoSeconds() + " s");
      cells.add(cell(detail(line)));
      out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return out.toString();
  }

  private static String detail(AppLine line) {
    if (line.waitingFor() != null && !line.waitingFor().isBlank()) {
      return "waits for " + line.waitingFor();
    }
    return line.detail() == null ? "" : line.detail();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String counts(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((phase, count) -> parts.add(phase + " " + count));
    return String.join(", ", parts);
  }

  private static void list(StringBuilder out, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    out.append(title).append(":\n");
    items.forEach(item -> out.append("- ").append(item).append('\n'));
    out.append('\n');
  }
}
