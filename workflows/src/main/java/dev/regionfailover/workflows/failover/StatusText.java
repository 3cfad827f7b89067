package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.finding.Finding;
import java.util.List;

/** Renders status as the short Markdown the Temporal UI shows as the workflow's current details. */
final class StatusText {

  private StatusText() {}

  static String render(FailoverStatus status) {
    StringBuilder text = new StringBuilder();
    text.append("**")
        .append(status.app())
        .append("** ")
        .append(status.mode())
        .append(' ')
        .append(status.sourceRegion() == null ? "?" : status.sourceRegion())
        .append(" -> ")
        .append(status.targetRegion())
        .append(": phase **")
        .append(status.phase())
        .append("**\n\n");
    text.append("Authority: ").append(authority(status.authority())).append("\n\n");
    if (status.waitingFor() != null) {
      text.append("Waiting for: ")
          .append(status.waitingFor().what())
          .append(" (since ")
          .append(status.waitingFor().since())
          .append(
              status.waitingFor().deadline() == null
                  ? ""
                  : ", until " + status.waitingFor().deadline())
          .append(")\n\nHow: ")
          .append(status.waitingFor().how())
          .append("\n\n");
    }
    if (status.mode() == FailoverMode.RECOVER) {
      proposal(text, status.findings());
    }
    if (status.repinProgress() != null) {
      text.append("Re-pin: ").append(status.repinProgress().describe()).append("\n\n");
    }
    for (StepStatus step : status.steps()) {
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

  /** A recovery's reasons and changes, which its approvers read in the UI before approving. */
  private static void proposal(StringBuilder text, List<Finding> findings) {
    List<Finding> proposal =
        findings.stream().filter(f -> f.check().startsWith("recovery-")).toList();
    if (proposal.isEmpty()) {
      return;
    }
    text.append("Proposal:\n");
    for (Finding finding : proposal) {
      text.append("- ").append(finding.observed()).append('\n');
    }
    text.append('\n');
  }

  static String authority(AuthorityRecord record) {
    if (record == null) {
      return "not read yet";
    }
    if (record.state() == AuthorityState.NONE) {
      return "no ledger entry yet";
    }
    String writer =
        record.state() == AuthorityState.FENCED
            ? "no region may write"
            : record.writerRegion() + " writes";
    return record.state()
        + " at epoch "
        + record.epoch()
        + ", "
        + writer
        + " (set by "
        + record.workflowId()
        + ")";
  }
}
