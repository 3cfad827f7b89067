package dev.regionfailover.workflows.detection;

import java.util.Map;

/**
 * What the monitor knows of one region: its verdict and since when, how many consecutive samples
 * each signal has read impaired, how many consecutive samples had fewer than two impaired signals
 * (for recovery), the last sample, and the last sampling error (null when the last sample
 * succeeded).
 */
public record RegionHealth(
    String region,
    RegionVerdict verdict,
    String verdictSince,
    Map<SignalKind, Integer> impairedStreaks,
    int healthyStreak,
    RegionSample lastSample,
    String lastError) {

  public RegionHealth {
    verdict = verdict == null ? RegionVerdict.HEALTHY : verdict;
    impairedStreaks = impairedStreaks == null ? Map.of() : Map.copyOf(impairedStreaks);
  }

  /** A region not sampled yet: healthy until evidence says otherwise. */
  public static RegionHealth initial(String region) {
    return new RegionHealth(region, RegionVerdict.HEALTHY, null, Map.of(), 0, null, null);
  }

  /** The consecutive impaired samples of {@code kind}. */
  public int streak(SignalKind kind) {
    return impairedStreaks.getOrDefault(kind, 0);
  }
}
