package dev.regionfailover.workflows.estate;

import java.util.List;
import java.util.Map;

/**
 * One application's multi-region estate, as its operator described it in YAML. Workflows read it
 * once through an activity so that the snapshot lives in history and a later edit of the file never
 * changes what a running failover does. {@code detection} is null when the estate is not monitored;
 * {@code rehearsal} marks an estate that exists for drills, the only kind whose health monitor may
 * approve its own failovers. {@code preferredTargets}, {@code dependsOn} and {@code tier} say where
 * and in what order the app moves when its writer region is evacuated; {@code aws} names the
 * account it lives in.
 */
public record Estate(
    String app,
    List<String> regions,
    Traffic traffic,
    Aurora aurora,
    AuthorityConfig authority,
    Pins pins,
    Map<String, Fleet> fleets,
    Flags flags,
    Approvals approvals,
    Guards guards,
    Map<String, List<QueueRef>> queues,
    Reconcile reconcile,
    Detection detection,
    boolean rehearsal,
    List<String> preferredTargets,
    List<String> dependsOn,
    int tier,
    AwsAccount aws) {

  /** The tier of an estate that names none, and of one saved before tiers existed. */
  public static final int DEFAULT_TIER = 5;

  /** A payload written before a section existed reads as its default. */
  public Estate {
    regions = List.copyOf(regions);
    fleets = Map.copyOf(fleets);
    guards = guards == null ? Guards.DEFAULTS : guards;
    queues = queues == null ? Map.of() : Map.copyOf(queues);
    reconcile = reconcile == null ? Reconcile.NONE : reconcile;
    preferredTargets =
        preferredTargets == null ? List.copyOf(regions) : List.copyOf(preferredTargets);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    tier = tier == 0 ? DEFAULT_TIER : tier;
    aws = aws == null ? AwsAccount.WORKER : aws;
  }

  /**
   * Where the app goes when {@code evacuated} is evacuated: the first of its preferred targets that
   * is not that region, then the first other region of the estate; null when it has no other.
   */
  public String evacuationTarget(String evacuated) {
    for (String region : preferredTargets) {
      if (!region.equals(evacuated) && regions.contains(region)) {
        return region;
      }
    }
    return regions.stream().filter(r -> !r.equals(evacuated)).findFirst().orElse(null);
  }

  /** The queues of a region; a region without any has nothing stranded. */
  public List<QueueRef> queues(String region) {
    return queues.getOrDefault(region, List.of());
  }

  /** The fleet of a region; a region without one has nothing to stop or start. */
  public Fleet fleet(String region) {
    return fleets.getOrDefault(region, Fleet.EMPTY);
  }
}
