package dev.regionfailover.devtools.bench;

import dev.regionfailover.workflows.evacuation.AppLine;
import dev.regionfailover.workflows.evacuation.AppState;
import dev.regionfailover.workflows.evacuation.EvacuationReport;
import dev.regionfailover.workflows.quota.QuotaApi;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The figures of one {@code bench evacuate} run and their table. The lower bound is the time Route
 * 53's account-wide quota needs for the evacuation's changes alone: no design can finish sooner,
 * and a good one finishes close to it. The other quota-bound APIs are shown with their own bounds,
 * since a lower rate there could bind instead.
 *
 * @param apps how many apps the evacuation moved
 * @param maxConcurrent how many failovers it ran at once
 * @param wall from the start of the evacuation to its result
 * @param report the evacuation's own report
 * @param allCalls every AWS call that reached the stand-in, of every service
 * @param calls the mutating calls of each quota-bound API that reached the stand-in
 * @param throttled the calls of each API the stand-in throttled
 * @param rates the rate of each API's quota, per second and account
 * @param reachedActivities the AWS calls that ended throttled after the SDK's retries
 * @param history the largest history of any workflow run
 * @param workerPeakKb the worker's peak resident set size
 */
record EvacuationFigures(
    int apps,
    int maxConcurrent,
    Duration wall,
    EvacuationReport report,
    long allCalls,
    Map<QuotaApi, Long> calls,
    Map<QuotaApi, Long> throttled,
    Map<QuotaApi, Double> rates,
    long reachedActivities,
    LargestHistory history,
    OptionalLong workerPeakKb) {

  static final double RATIO_TARGET = 1.2;

  /** The least time {@code api}'s quota allows for the calls that it let through. */
  Duration bound(QuotaApi api) {
    long allowed = calls.get(api) - throttled.get(api);
    return Duration.ofMillis(Math.round(allowed / rates.get(api) * 1000));
  }

  double ratio() {
    long bound = bound(QuotaApi.ROUTE53).toMillis();
    return bound == 0 ? Double.NaN : (double) wall.toMillis() / bound;
  }

  long count(AppState state) {
    return report.apps().stream().map(AppLine::state).filter(state::equals).count();
  }

  /** Whether every app moved, so that the figures describe a whole evacuation. */
  boolean complete() {
    return count(AppState.COMPLETED) == apps;
  }

  String render() {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "Evacuation of %d apps, at most %d at once, %s: %s%n%n",
            apps,
            maxConcurrent,
            report.mode(),
            report.outcome()));
    row(table, "figure", "measured", "target", "");
    row(table, "total time", seconds(wall), "", "");
    row(
        table,
        "AWS calls, every service",
        String.format(Locale.ROOT, "%d (%.0f per s)", allCalls, allCalls / (wall.toMillis() / 1e3)),
        "",
        "");
    for (QuotaApi api : QuotaApi.values()) {
      row(
          table,
          String.format(Locale.ROOT, "%s mutating calls (throttled) / quota", api.key()),
          String.format(
              Locale.ROOT,
              "%d (%d) / %s per s",
              calls.get(api),
              throttled.get(api),
              rate(rates.get(api))),
          "",
          "");
      row(table, "  lower bound of " + api.key() + "'s quota", seconds(bound(api)), "", "");
    }
    double ratio = ratio();
    row(
        table,
        "total time / Route 53's lower bound",
        Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio),
        "<= " + RATIO_TARGET,
        Double.isNaN(ratio) ? "" : verdict(ratio <= RATIO_TARGET));
    row(
        table,
        "throttling that reached an activity's retry",
        Long.toString(reachedActivities),
        "0",
        verdict(reachedActivities == 0));
    row(
        table,
        "largest history (of " + history.runs() + " runs)",
        history.events() + " events, " + history.workflowId(),
        "",
        "");
    row(table, "worker peak RSS (VmHWM)", ProcessMemory.megabytes(workerPeakKb), "", "");
    row(
        table,
        "apps completed / held / failed",
        count(AppState.COMPLETED) + " / " + count(AppState.HELD) + " / " + count(AppState.FAILED),
        apps + " / 0 / 0",
        verdict(complete()));
    return table.toString();
  }

  private static void row(
      StringBuilder table, String figure, String measured, String target, String verdict) {
    table.append(
        String.format(Locale.ROOT, "%-54s %-36s %-8s %s", figure, measured, target, verdict)
            .stripTrailing());
    table.append(System.lineSeparator());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1e3);
  }

  private static String rate(double perSecond) {
    return perSecond == Math.rint(perSecond)
        ? Long.toString((long) perSecond)
        : String.format(Locale.ROOT, "%.2f", perSecond);
  }

  private static String verdict(boolean pass) {
    return pass ? "pass" : "MISS";
  }
}
