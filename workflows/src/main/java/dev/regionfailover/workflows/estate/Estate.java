package dev.regionfailover.workflows.estate;

import java.util.List;
import java.util.Map;

/**
 * One application's multi-region estate, as its operator described it in YAML. Workflows read it
 * once through an activity so that the snapshot lives in history and a later edit of the file never
 * changes what a running failover does. {@code detection} is null when the estate is not monitored;
 * {@code rehearsal} marks an estate that exists for drills, the only kind whose health monitor may
 * approve its own failovers.
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
    boolean rehearsal) {

  /** A payload written before a section existed reads as its default. */
  public Estate {
    regions = List.copyOf(regions);
    fleets = Map.copyOf(fleets);
    guards = guards == null ? Guards.DEFAULTS : guards;
    queues = queues == null ? Map.of() : Map.copyOf(queues);
    reconcile = reconcile == null ? Reconcile.NONE : reconcile;
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
