package dev.regionfailover.workflows.estate;

import java.util.List;
import java.util.Map;

/**
 * One application's multi-region estate, as its operator described it in YAML. Workflows read it
 * once through an activity so that the snapshot lives in history and a later edit of the file never
 * changes what a running failover does.
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
    Guards guards) {

  /** A payload written before guards existed reads as the default guards. */
  public Estate {
    regions = List.copyOf(regions);
    fleets = Map.copyOf(fleets);
    guards = guards == null ? Guards.DEFAULTS : guards;
  }

  /** The fleet of a region; a region without one has nothing to stop or start. */
  public Fleet fleet(String region) {
    return fleets.getOrDefault(region, Fleet.EMPTY);
  }
}
