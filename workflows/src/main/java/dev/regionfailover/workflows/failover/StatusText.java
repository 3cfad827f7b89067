package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.Sections.INDENT;
import static dev.regionfailover.workflows.failover.Sections.line;
import static dev.regionfailover.workflows.failover.Sections.text;
import static dev.regionfailover.workflows.failover.Sections.title;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.render.Phrases;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import java.util.List;

/**
 * The status of a failover as text, in the two forms it is read in: the table {@code ./failover
 * status} prints, and the shorter Markdown the Temporal UI shows as the workflow's current details,
 * where approvers read it (the UI test pins that form). Pure, so workflow code may call it.
 */
public final class StatusText {

  private StatusText() {}

  /**
   * The current details: the same status, shorter and as Markdown, which an approver reads in the
   * Temporal UI before approving (a recovery's proposal included).
   */
  static String details(FailoverStatus status) {
    StringBuilder text = new StringBuilder();
    text.append(
        "**%s** %s %s: phase **%s**\n\n"
            .formatted(
                status.app(),
                status.mode(),
                Phrases.route(status.sourceRegion(), status.targetRegion()),
                status.phase()));
    text.append("Authority: %s\n\n".formatted(authority(status.authority())));
    WaitingFor waitingFor = status.waitingFor();
    if (waitingFor != null) {
      text.append(
          "Waiting for: %s (since %s%s)\n\nHow: %s\n\n"
              .formatted(
                  waitingFor.what(),
                  waitingFor.since(),
                  waitingFor.deadline() == null ? "" : ", until " + waitingFor.deadline(),
                  waitingFor.how()));
    }
    if (status.mode() == FailoverMode.RECOVER) {
      proposal(text, status.findings());
    }
    if (status.repinProgress() != null) {
      text.append("Re-pin: %s\n\n".formatted(status.repinProgress().describe()));
    }
    for (StepStatus step : status.steps()) {
      text.append("- %s %s".formatted(step.state(), step.name()));
      if (step.detail() != null && !step.detail().isEmpty()) {
        text.append(": ").append(step.detail());
      }
      text.append('\n');
    }
    if (status.outcome() != null) {
      text.append("\nOutcome: %s\n".formatted(status.outcome()));
    }
    return text.toString();
  }

  /** The status table. */
  public static String render(FailoverStatus status) {
    StringBuilder out = new StringBuilder();
    out.append(status.mode() == FailoverMode.RECOVER ? "Recovery of " : "Failover of ")
        .append(status.app())
        .append('\n');
    out.append(
        new TextTable(2)
            .row("mode", status.mode())
            .row("regions", Sections.regions(status.sourceRegion(), status.targetRegion()))
            .row("requested by", text(status.requestedBy()))
            .row("reason", text(status.reason()))
            .row("phase", status.phase())
            .row("outcome", text(status.outcome()))
            .render(INDENT));
    Sections.authority(out, status.authority());
    waitingFor(out, status.waitingFor());
    unconfirmedFences(out, status.unconfirmedFences());
    Sections.steps(out, status.steps(), true);
    signals(out, status);
    Sections.findings(out, status.findings());
    Sections.data(out, status.rpo(), status.entitiesRepinned());
    if (status.repinProgress() != null) {
      title(out, "Re-pin progress");
      line(out, status.repinProgress().describe());
    }
    return out.toString();
  }

  private static void waitingFor(StringBuilder out, WaitingFor waitingFor) {
    title(out, "Waiting for");
    if (waitingFor == null) {
      line(out, "nothing");
      return;
    }
    out.append(
        new TextTable(2)
            .row("what", text(waitingFor.what()))
            .row("since", Times.format(waitingFor.since()))
            .row("deadline", Times.format(waitingFor.deadline()))
            .row("how", text(waitingFor.how()))
            .render(INDENT));
  }

  /** What could not be fenced is shown whenever there is any, since promotion waits on it. */
  private static void unconfirmedFences(StringBuilder out, List<String> unconfirmed) {
    if (unconfirmed == null || unconfirmed.isEmpty()) {
      return;
    }
    title(out, "Not fenced: the old region did not answer");
    unconfirmed.forEach(resource -> line(out, resource));
  }

  private static void signals(StringBuilder out, FailoverStatus status) {
    title(out, "Signals received");
    if (status.signals() == null || status.signals().isEmpty()) {
      line(out, "none");
      return;
    }
    TextTable table = new TextTable(5).row("SIGNAL", "BY", "AT", "RESULT", "TEXT");
    for (SignalRecord signal : status.signals()) {
      table.row(
          signal.kind(),
          text(signal.by()),
          Times.format(signal.at()),
          result(signal),
          text(signal.text()));
    }
    out.append(table.render(INDENT));
  }

  /** Whether a signal counted, with the workflow's note on it. */
  private static String result(SignalRecord signal) {
    String verdict = signal.accepted() ? "accepted" : "not accepted";
    return signal.note() == null || signal.note().isBlank()
        ? verdict
        : verdict + ": " + signal.note();
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

  /** The authority ledger's item in one line, for step details and refusals. */
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
    return "%s at epoch %s, %s (set by %s)"
        .formatted(record.state(), record.epoch(), writer, record.workflowId());
  }
}
