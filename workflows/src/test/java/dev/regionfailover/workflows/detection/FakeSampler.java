package dev.regionfailover.workflows.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sampling as a test scripts it: each region reads impaired on the signals the test set for it, and
 * a flapping signal reads impaired on every other sample of its region.
 */
final class FakeSampler implements DetectionActivities {

  private static final List<SignalKind> CONFIGURED =
      List.of(SignalKind.ALARMS, SignalKind.HEALTH_CHECK, SignalKind.AURORA_LAG);

  private final Map<String, Set<SignalKind>> impaired = new ConcurrentHashMap<>();
  private final Map<String, SignalKind> flapping = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  void impair(String region, SignalKind... kinds) {
    impaired.put(region, Set.of(kinds));
  }

  void flap(String region, SignalKind kind) {
    flapping.put(region, kind);
  }

  int calls(String region) {
    return calls.computeIfAbsent(region, r -> new AtomicInteger()).get();
  }

  @Override
  public RegionSample sample(SampleRequest request) {
    String region = request.region();
    int call = calls.computeIfAbsent(region, r -> new AtomicInteger()).incrementAndGet();
    Set<SignalKind> bad = impaired.getOrDefault(region, Set.of());
    List<SignalReading> readings = new ArrayList<>();
    for (SignalKind kind : CONFIGURED) {
      boolean impairedNow = bad.contains(kind) || (kind == flapping.get(region) && call % 2 == 1);
      readings.add(new SignalReading(kind, impairedNow, impairedNow ? kind + " bad" : "ok"));
    }
    return new RegionSample(region, "sample " + call, true, readings);
  }
}
