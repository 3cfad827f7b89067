package dev.regionfailover.starter.failover;

import dev.regionfailover.workflows.failover.FailoverRequest;
import java.io.PrintWriter;
import picocli.CommandLine.ExitCode;

/**
 * Prints the workflow's answer to an approval, denial, abort or fence confirmation and chooses the
 * exit code: a rejected one failed.
 */
final class UpdateReport {

  private UpdateReport() {}

  static int print(PrintWriter out, String app, String kind, UpdateAnswer answer) {
    out.printf(
        "Sent %s to %s: %s%n",
        kind,
        FailoverRequest.workflowId(app),
        answer.isAccepted()
            ? "accepted: " + answer.verdict().effect()
            : "not accepted: " + answer.refusal());
    out.flush();
    return answer.isAccepted() ? ExitCode.OK : ExitCode.SOFTWARE;
  }
}
