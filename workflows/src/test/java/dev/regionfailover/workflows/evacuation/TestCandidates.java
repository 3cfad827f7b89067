package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.estate.Estate;
import java.util.List;
import java.util.Map;

/**
 * Candidates built from real {@link Estate} records, so that default targets come from {@link
 * Estate#evacuationTarget}.
 */
final class TestCandidates {

  static final String EAST = "us-east-1";
  static final String WEST = "us-west-2";
  static final String OHIO = "us-east-2";

  private TestCandidates() {}

  /** An app in east and west whose writer is {@code writer}, of tier {@code tier}. */
  static Candidate app(String app, String writer, int tier, String... dependsOn) {
    return app(app, writer, List.of(EAST, WEST), null, tier, dependsOn);
  }

  static Candidate app(
      String app,
      String writer,
      List<String> regions,
      List<String> preferredTargets,
      int tier,
      String... dependsOn) {
    Estate estate =
        new Estate(
            app,
            regions,
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            preferredTargets,
            List.of(dependsOn),
            tier,
            null);
    return Candidate.of(estate, EAST, writer, writer == null ? "FENCED" : "ACTIVE", null);
  }
}
