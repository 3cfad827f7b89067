package dev.regionfailover.devtools.bench;

import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.render.TextTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one {@code bench failover} run measured, and the table it prints: one row per figure
 * with its target and whether it was met, then the details that say what bounds each figure.
 */
record BenchResults(
    Duration latency,
    Duration switchover,
    Duration dnsSync,
    P1Figures p1,
    ReplayTiming replay,
    BenchFailover.Run killed,
    ActivityStarts killedStarts,
    WorkerStartup freshWorker,
    OptionalLong idleKb,
    String idleHeap,
    RepinFigures repin) {

  static final Duration RECOVERY_TARGET = Duration.ofSeconds(20);
  static final long FOOTPRINT_TARGET_MB = 300;

  /** Whether every run ended as it should: both failovers completed and the re-pins moved all. */
  boolean complete() {
    return p1.completed() && killed.result().outcome() == Phase.COMPLETED && repin.complete();
  }

  String render(Duration benchTime) {
    StringBuilder text = new StringBuilder();
    Optional<Duration> longestHold =
        killed.kills().stream()
            .map(kill -> killedStarts.heldAfter(kill.at()).orElse(Duration.ofDays(1)))
            .max(Comparator.naturalOrder());
    List<WorkerStartup> startups = new ArrayList<>();
    killed.kills().forEach(kill -> startups.add(kill.startup()));
    startups.add(freshWorker);
    Duration slowestPoll =
        startups.stream()
            .map(WorkerStartup::toFirstPoll)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    OptionalLong peakKb = repin.workerPeakKb();

    TextTable table = new TextTable(4).row("figure", "measured", "target", "result");
    table.row(
        "P1 orchestration overhead: wall / AWS time",
        String.format("%.3f (%s / %s)", p1.ratio(), seconds(p1.wall()), seconds(p1.aws().total())),
        String.format("<= %.2f", P1Figures.TARGET),
        verdict(p1.ratio() <= P1Figures.TARGET));
    table.row(
        "P1 AWS calls / least needed",
        String.format(
            "%d / %d = %.1f",
            p1.calls().total(),
            p1.calls().least(),
            (double) p1.calls().total() / p1.calls().least()),
        null,
        null);
    table.row(
        "P3 recovery: SIGKILL -> next step, longest of " + killed.kills().size(),
        longestHold.map(BenchResults::seconds).orElse("no kill"),
        "<= " + seconds(RECOVERY_TARGET),
        longestHold.map(hold -> verdict(hold.compareTo(RECOVERY_TARGET) <= 0)).orElse(null));
    table.row(
        "P3 replay of a full failover history (" + replay.events() + " events)",
        "cold " + millis(replay.cold()) + ", warm " + millis(replay.warm()),
        null,
        null);
    table.row(
        "P5 worker start -> first poll",
        seconds(freshWorker.toFirstPoll())
            + " (slowest of "
            + startups.size()
            + ": "
            + seconds(slowestPoll)
            + ")",
        null,
        null);
    table.row(
        "P5 worker RSS idle, after a GC",
        ProcessMemory.megabytes(idleKb),
        "< " + FOOTPRINT_TARGET_MB + " MB",
        idleKb.isPresent() ? verdict(idleKb.getAsLong() < FOOTPRINT_TARGET_MB * 1024) : null);
    table.row(
        String.format("P5 worker peak RSS (VmHWM), re-pin of %,d", repin.entities()),
        ProcessMemory.megabytes(peakKb),
        "< " + FOOTPRINT_TARGET_MB + " MB",
        peakKb.isPresent() ? verdict(peakKb.getAsLong() < FOOTPRINT_TARGET_MB * 1024) : null);
    table.row(
        "P2 re-pin: workflow / plain loop",
        String.format(
            "%.2f (%.0f/s / %.0f/s)", repin.ratio(), repin.workflowRate(), repin.plainRate()),
        String.format(">= %.2f", RepinFigures.RATIO_TARGET),
        verdict(repin.ratio() >= RepinFigures.RATIO_TARGET));
    text.append(table.render(""));

    text.append(
        String.format(
            "%nP1 and P3 ran with %d ms per AWS call, a %d s Aurora switchover and Route 53"
                + " changes INSYNC after %d s.%n",
            latency.toMillis(), switchover.toSeconds(), dnsSync.toSeconds()));
    text.append(
        String.format(
            "%nP1: wall %s, AWS time %s, other %s (the benchmark's approval took %s of it)."
                + " The longest stretches without AWS work:%n",
            seconds(p1.wall()),
            seconds(p1.aws().total()),
            seconds(p1.overhead()),
            millis(p1.approvalWait())));
    TextTable gaps = new TextTable(3).row("no AWS work for", "after", "until");
    p1.aws().gaps().stream()
        .limit(8)
        .forEach(gap -> gaps.row(millis(gap.length()), gap.after(), gap.before()));
    text.append(gaps.render("  "));
    text.append(String.format("%nP1: AWS calls by service%n"));
    text.append(p1.calls().render("  "));
    text.append(String.format("%nP1: the calls repeated most%n"));
    text.append(p1.calls().renderRepeats("  ", 8));

    text.append(String.format("%nP3: each SIGKILL and the next step%n"));
    TextTable holds =
        new TextTable(5)
            .row("phase", "in flight", "next step started", "held", "fresh worker polled after");
    for (BenchKill kill : killed.kills()) {
      holds.row(
          kill.phase(),
          kill.inFlight(),
          killedStarts.firstAfter(kill.at()).map(ActivityStarts.Start::step).orElse("none"),
          killedStarts.heldAfter(kill.at()).map(BenchResults::seconds).orElse("-"),
          seconds(kill.startup().toFirstPoll()));
    }
    text.append(holds.render("  "));

    text.append(
        String.format(
            "%nP5: the replacing worker logged \"Worker started\" after %s and polled after %s;"
                + " idle, its heap was: %s.%n",
            seconds(freshWorker.toStartedLine()), seconds(freshWorker.toFirstPoll()), idleHeap));
    text.append(
        String.format(
            "P2: workflow %,d moved in %.1f s (%d writes, %d retried, history %s, %d"
                + " continue-as-new); plain loop %,d in %.1f s; worker heap after: %s.%n",
            repin.workflowMoved(),
            repin.workflowSeconds(),
            repin.workflowWrites(),
            repin.workflowRetried(),
            repin.historyEvents(),
            repin.continueAsNew(),
            repin.plainMoved(),
            repin.plainSeconds(),
            repin.workerHeap()));
    text.append(String.format("%nThe benchmark took %s.%n", seconds(benchTime)));
    return text.toString();
  }

  private static String verdict(boolean met) {
    return met ? "pass" : "MISS";
  }

  static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1e3);
  }

  static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
