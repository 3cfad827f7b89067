package dev.regionfailover.workflows.failover;

import static dev.regionfailover.workflows.failover.Sections.INDENT;
import static dev.regionfailover.workflows.failover.Sections.line;
import static dev.regionfailover.workflows.failover.Sections.text;
import static dev.regionfailover.workflows.failover.Sections.title;

import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.render.Details;
import dev.regionfailover.workflows.render.TextTable;
import dev.regionfailover.workflows.render.Times;
import java.util.List;

/**
 * The status of a failover as text: the table {@code ./failover status} prints, and the same table
 * as the workflow's current details in the Temporal UI. Pure, so workflow code may call it.
 */
public final class StatusText {

  private StatusText() {}

  /**
   * The current details: a recovery's proposal first, as a list an approver reads before approving,
   * then the status table.
   */
  static String details(FailoverStatus status) {
    StringBuilder text = new StringBuilder();
    if (status.mode() == FailoverMode.RECOVER) {
      proposal(text, status.findings());
    }
    return text.append(Details.preformatted(render(status))).toString();
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
