package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.failure.RootCause;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A round of sampling: one activity per region, in parallel, then each region's verdict updated by
 * {@link HealthVerdicts}, with an event for every verdict that changes.
 */
final class RegionSampling {

  private final MonitorRun run;
  private final DetectionActivities sampler;

  RegionSampling(MonitorRun run, DetectionActivities sampler) {
    this.run = run;
    this.sampler = sampler;
  }

  /** Keeps the carried health of regions still in the estate, in the estate's order. */
  void alignRegions() {
    Map<String, RegionHealth> known =
        run.regions.stream().collect(Collectors.toMap(RegionHealth::region, Function.identity()));
    run.regions.clear();
    for (String region : run.estate.regions()) {
      run.regions.add(known.getOrDefault(region, RegionHealth.initial(region)));
    }
  }

  void sample() {
    List<Promise<RegionSample>> pending = new ArrayList<>();
    for (String region : run.estate.regions()) {
      pending.add(Async.function(sampler::sample, request(region)));
    }
    String at = MonitorRun.now();
    run.samples++;
    for (int i = 0; i < pending.size(); i++) {
      RegionHealth previous = run.regions.get(i);
      RegionHealth next;
      try {
        next =
            HealthVerdicts.next(
                previous, pending.get(i).get(), run.detection.consecutiveSamples(), at);
      } catch (ActivityFailure failure) {
        String error = RootCause.message(failure);
        next = HealthVerdicts.sampleFailed(previous, error);
        if (previous.lastError() == null) {
          run.note("sampling %s failed, counts unchanged: %s".formatted(previous.region(), error));
        }
      }
      run.regions.set(i, next);
      if (next.verdict() != previous.verdict()) {
        run.note(change(next));
      }
      if (next.verdict() == RegionVerdict.HEALTHY && next.region().equals(run.handledRegion)) {
        run.handledRegion = null;
        run.note(
            "%s recovered; a new impairment of it may start a failover again"
                .formatted(next.region()));
      }
    }
  }

  private static String change(RegionHealth next) {
    return next.verdict() == RegionVerdict.IMPAIRED
        ? "%s is %s: %s".formatted(next.region(), next.verdict(), HealthVerdicts.evidence(next))
        : "%s is %s again after %s samples"
            .formatted(next.region(), next.verdict(), next.healthyStreak());
  }

  private SampleRequest request(String region) {
    return new SampleRequest(
        run.app,
        region,
        run.estate.regions(),
        run.detection.alarms().getOrDefault(region, List.of()),
        run.detection.healthChecks().get(region),
        run.estate.aurora().globalCluster(),
        run.estate.aurora().clusters(),
        run.estate.aurora().maxLagSeconds(),
        run.detection.replicatedTables());
  }
}
