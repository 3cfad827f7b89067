package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.failover.FailoverRequest;
import picocli.CommandLine.ExitCode;

/**
 * Prints the workflow's answer to an approval, denial, abort or fence confirmation and chooses the
 * exit code: a rejected one failed.
 */
final class UpdateReport {

  private UpdateReport() {}

  /** The report of the update {@code kind} sent to the failover of {@code app}. */
  static Report<UpdateAnswer> of(String app, String kind) {
    return (out, answer) -> {
      out.printf(
          "Sent %s to %s: %s%n",
          kind,
          FailoverRequest.workflowId(app),
          answer.isAccepted()
              ? "accepted: " + answer.verdict().effect()
              : "not accepted: " + answer.refusal());
      return answer.isAccepted() ? ExitCode.OK : ExitCode.SOFTWARE;
    };
  }
}
