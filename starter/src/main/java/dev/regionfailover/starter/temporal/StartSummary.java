package dev.regionfailover.starter.temporal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowOptions;

/**
 * What the Temporal UI shows of a workflow before it says anything itself: a one-line summary, and
 * details in Temporal's Markdown. Both are set once, when the workflow starts, and never change.
 */
public record StartSummary(String summary, String details) {

  public StartSummary {
    requireNonNull(summary, "summary is null");
    requireNonNull(details, "details is null");
  }

  /** {@code options} with this summary and these details set. */
  public WorkflowOptions.Builder addTo(WorkflowOptions.Builder options) {
    return options.setStaticSummary(summary).setStaticDetails(details);
  }
}
