package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.SignalRecord;
import java.io.PrintWriter;
import java.util.Optional;

/** Prints what became of a signal and chooses the exit code: a refused signal failed. */
final class SignalReport {

  private SignalReport() {}

  static int print(PrintWriter out, String app, String kind, Optional<SignalRecord> record) {
    String workflowId = FailoverRequest.workflowId(app);
    if (record.isEmpty()) {
      out.printf(
          "Sent %s to %s; the workflow has not reported it yet: see ./failover status %s%n",
          kind, workflowId, app);
      out.flush();
      return FailoverCli.OK;
    }
    SignalRecord signal = record.get();
    out.printf("Sent %s to %s: %s%n", kind, workflowId, StatusRenderer.result(signal));
    out.flush();
    return signal.accepted() ? FailoverCli.OK : FailoverCli.FAILED;
  }
}
