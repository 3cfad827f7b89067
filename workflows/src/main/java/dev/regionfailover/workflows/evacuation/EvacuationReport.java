package dev.regionfailover.workflows.evacuation;

import java.util.List;

/**
 * What a finished evacuation returns: its outcome, each app's timings, RPO and outcome, and the
 * same as a Markdown table ({@code markdown}), which the CLI prints and the UI shows in the
 * workflow's details.
 */
public record EvacuationReport(
    String evacuationId,
    String region,
    String mode,
    EvacuationState outcome,
    String summary,
    String startedAt,
    String endedAt,
    long totalMillis,
    List<AppLine> apps,
    List<String> notes,
    String markdown) {

  public EvacuationReport {
    apps = List.copyOf(apps);
    notes = List.copyOf(notes);
  }
}
