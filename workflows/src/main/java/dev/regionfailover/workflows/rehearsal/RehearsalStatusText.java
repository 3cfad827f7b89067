package dev.regionfailover.workflows.rehearsal;

/** Renders status as the short Markdown the Temporal UI shows as the workflow's current details. */
final class RehearsalStatusText {

  private RehearsalStatusText() {}

  static String render(RehearsalStatus status) {
    StringBuilder text = new StringBuilder();
    text.append("**")
        .append(status.app())
        .append("** rehearsal ")
        .append(status.sourceRegion() == null ? "?" : status.sourceRegion())
        .append(" -> ")
        .append(status.targetRegion())
        .append(status.rotate() ? " (rotation: stays)" : " and back")
        .append(": phase **")
        .append(status.phase())
        .append("**\n\n");
    if (status.runningWorkflowId() != null) {
      text.append("Running: workflow ").append(status.runningWorkflowId()).append("\n\n");
    }
    if (status.holdUntil() != null && status.phase() == RehearsalPhase.HOLD) {
      text.append("Holding in ")
          .append(status.targetRegion())
          .append(" until ")
          .append(status.holdUntil())
          .append("; ")
          .append(status.healthChecks())
          .append(" health check(s) so far\n\n");
    }
    for (RehearsalStep step : status.steps()) {
      text.append("- ").append(step.state()).append(' ').append(step.name());
      if (step.detail() != null && !step.detail().isEmpty()) {
        text.append(": ").append(step.detail());
      }
      text.append('\n');
    }
    if (status.outcome() != null) {
      text.append("\nOutcome: ").append(status.outcome()).append('\n');
    }
    return text.toString();
  }
}
