package dev.regionfailover.starter.failover;

import static dev.regionfailover.starter.failover.Sections.INDENT;
import static dev.regionfailover.starter.failover.Sections.line;
import static dev.regionfailover.starter.failover.Sections.text;
import static dev.regionfailover.starter.failover.Sections.title;

import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverStatus;
import dev.regionfailover.workflows.failover.SignalRecord;
import dev.regionfailover.workflows.failover.WaitingFor;
import java.util.List;

/** The status of a failover as the table {@code ./failover status} prints. */
public final class StatusRenderer {

  private StatusRenderer() {}

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
}
