package dev.regionfailover.workflows.detection;

import java.util.List;

/**
 * One sample of one region: a reading per configured signal, taken at {@code at}. An unreachable
 * region ({@code reachable} false) reads impaired on every signal, and each reading says so.
 */
public record RegionSample(
    String region, String at, boolean reachable, List<SignalReading> readings) {

  public RegionSample {
    readings = readings == null ? List.of() : List.copyOf(readings);
  }

  /** How many signals read impaired in this sample. */
  public long impairedCount() {
    return readings.stream().filter(SignalReading::impaired).count();
  }

  /** Whether {@code kind} reads impaired in this sample. */
  public boolean impaired(SignalKind kind) {
    return readings.stream().anyMatch(r -> r.kind() == kind && r.impaired());
  }
}
