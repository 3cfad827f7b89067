package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.estate.Estate;
import java.util.List;

/**
 * One application an evacuation may move, as its estate and authority ledger describe it when the
 * evacuation starts. {@code writerRegion} is null while the ledger is fenced or unreadable; {@code
 * problem} then says why, or is null. {@code defaultTarget} is where the app goes when the request
 * names no target ({@link Estate#evacuationTarget}), null when it has no other region.
 */
public record Candidate(
    String app,
    List<String> regions,
    String writerRegion,
    String ledgerState,
    String defaultTarget,
    List<String> dependsOn,
    int tier,
    String problem) {

  public Candidate {
    regions = List.copyOf(regions);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }

  /** The candidate {@code estate} is, for an evacuation of {@code region}. */
  public static Candidate of(
      Estate estate, String region, String writerRegion, String ledgerState, String problem) {
    return new Candidate(
        estate.app(),
        estate.regions(),
        writerRegion,
        ledgerState,
        estate.evacuationTarget(region),
        estate.dependsOn(),
        estate.tier(),
        problem);
  }
}
