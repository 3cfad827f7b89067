package dev.regionfailover.workflows.detection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict rule, pure so that it can be tested on its own. A healthy region becomes IMPAIRED
 * once at least {@link #CORROBORATING_SIGNALS} signals have each read impaired in {@code required}
 * consecutive samples; a single signal, however long or often it flaps, never suffices. An impaired
 * region becomes HEALTHY again after {@code required} consecutive samples in which fewer than two
 * signals read impaired. A sample that could not be taken changes no count.
 */
public final class HealthVerdicts {

  /** How many independent signals must agree before a region is impaired. */
  public static final int CORROBORATING_SIGNALS = 2;

  private HealthVerdicts() {}

  /** The region's health after {@code sample}, taken at {@code at}. */
  public static RegionHealth next(
      RegionHealth previous, RegionSample sample, int required, String at) {
    Map<SignalKind, Integer> streaks = new EnumMap<>(SignalKind.class);
    for (SignalReading reading : sample.readings()) {
      if (reading.impaired()) {
        streaks.put(reading.kind(), previous.streak(reading.kind()) + 1);
      }
    }
    int healthyStreak =
        sample.impairedCount() < CORROBORATING_SIGNALS ? previous.healthyStreak() + 1 : 0;
    long corroborating = streaks.values().stream().filter(s -> s >= required).count();
    RegionVerdict verdict = previous.verdict();
    String since = previous.verdictSince();
    if (verdict == RegionVerdict.HEALTHY && corroborating >= CORROBORATING_SIGNALS) {
      verdict = RegionVerdict.IMPAIRED;
      since = at;
    } else if (verdict == RegionVerdict.IMPAIRED && healthyStreak >= required) {
      verdict = RegionVerdict.HEALTHY;
      since = at;
    }
    return new RegionHealth(
        previous.region(), verdict, since, streaks, healthyStreak, sample, null);
  }

  /** The region's health after a sample that failed with {@code error}: only the error is new. */
  public static RegionHealth sampleFailed(RegionHealth previous, String error) {
    return new RegionHealth(
        previous.region(),
        previous.verdict(),
        previous.verdictSince(),
        previous.impairedStreaks(),
        previous.healthyStreak(),
        previous.lastSample(),
        error);
  }

  /**
   * The evidence against a region, in one line: each impaired signal with its consecutive count and
   * what its last sample observed.
   */
  public static String evidence(RegionHealth health) {
    List<String> parts = new ArrayList<>();
    for (SignalKind kind : SignalKind.values()) {
      int streak = health.streak(kind);
      if (streak == 0) {
        continue;
      }
      String observed =
          health.lastSample() == null
              ? ""
              : health.lastSample().readings().stream()
                  .filter(r -> r.kind() == kind)
                  .map(r -> ": " + r.observed())
                  .findFirst()
                  .orElse("");
      parts.add(kind + " impaired " + streak + "x" + observed);
    }
    return parts.isEmpty() ? "no signal impaired" : String.join("; ", parts);
  }
}
