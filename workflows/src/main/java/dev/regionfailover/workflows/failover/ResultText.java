package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.Sections.line;

import dev.regionfailover.workflows.render.Phrases;

/** The summary of a finished failover. */
public final class ResultText {

  private ResultText() {}

  public static String render(FailoverResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        Phrases.finished(
            "Failover",
            result.app(),
            result.outcome(),
            result.totalMillis(),
            "%s, %s"
                .formatted(
                    result.mode(),
                    Sections.regions(result.sourceRegion(), result.targetRegion()))));
    if (result.summary() != null && !result.summary().isBlank()) {
      line(out, result.summary());
    }
    Sections.steps(out, result.steps(), false);
    Sections.authority(out, result.authority());
    Sections.data(out, result.rpo(), result.entitiesRepinned());
    Sections.findings(out, result.findings());
    return out.toString();
  }
}
