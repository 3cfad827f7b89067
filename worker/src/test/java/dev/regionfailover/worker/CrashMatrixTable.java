package dev.regionfailover.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash matrix's report, in Markdown: one row per step, activity and moment with what the kill
 * did, then one row per run with its wall time and whether it ended as its baseline.
 */
final class CrashMatrixTable {

  private final List<String> kills = new ArrayList<>();
  private final List<String> runs = new ArrayList<>();

  /** A step in which no activity ran, so no worker holds it. */
  synchronized void workflowOnly(CrashScenario scenario, String step) {
    kills.add(row(scenario.name(), step, "-", "-", "-", "no AWS call (workflow step)"));
  }

  /** A target and moment at which no kill applies: the step makes no AWS call to hold. */
  synchronized void notApplicable(CrashScenario scenario, CrashTarget target, CrashMoment moment) {
    kills.add(
        row(
            scenario.name(),
            target.step(),
            target.activity(),
            target.describeCall(),
            moment.label(),
            "no AWS call"));
  }

  /** A parallel target that the kill aimed at the first of its siblings ended with them. */
  synchronized void killedWithSibling(
      CrashScenario scenario, CrashTarget target, CrashMoment moment) {
    kills.add(
        row(
            scenario.name(),
            target.step(),
            target.activity(),
            target.describeCall(),
            moment.label(),
            "killed with its first sibling: one SIGKILL ends every parallel segment"));
  }

  synchronized void kill(CrashScenario scenario, CrashRun.KillOutcome outcome) {
    CrashTarget target = outcome.kill().target();
    String result =
        outcome.resumed() != null
            ? "resumed in " + seconds(outcome.resumed())
            : (outcome.failed() ? "FAILED: " : "") + outcome.note();
    kills.add(
        row(
            scenario.name(),
            target.step(),
            target.activity(),
            target.describeCall(),
            outcome.kill().moment().label(),
            result));
  }

  synchronized void run(
      CrashScenario scenario, String run, int killCount, Duration wall, List<String> differences) {
    runs.add(
        row(
            scenario.name(),
            run,
            Integer.toString(killCount),
            seconds(wall),
            differences.isEmpty() ? "yes" : "NO: " + String.join("; ", differences)));
  }

  synchronized String markdown(String heading) {
    StringBuilder text = new StringBuilder();
    text.append(heading).append("\n\n");
    text.append("| Scenario | Step | Activity | Aimed call | Moment | Outcome |\n");
    text.append("|---|---|---|---|---|---|\n");
    kills.forEach(row -> text.append(row).append('\n'));
    text.append("\n| Scenario | Run | Kills | Wall time | Ended as the uninterrupted run |\n");
    text.append("|---|---|---|---|---|\n");
    runs.forEach(row -> text.append(row).append('\n'));
    return text.toString();
  }

  void write(Path file, String heading) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, markdown(heading));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }
}
