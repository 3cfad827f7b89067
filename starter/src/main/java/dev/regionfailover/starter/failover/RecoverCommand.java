package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Requester;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recover APP}: starts the RecoverAuthority workflow of an app whose failover was terminated
 * or failed, reading what that failover did.
 */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description =
        "Recovers one consistent writer of APP after a failover was terminated or failed: proposes"
            + " rolling back or forward and waits for approval.")
public final class RecoverCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Requester requester;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    String requestedBy = requester.name();
    RecoveryStart started =
        target.call(
            client -> new FailoverClient(client).recover(app, requestedBy, requester.reason()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Started recovery of %s.%n", app);
    out.printf("  workflow  %s%n", started.execution().getWorkflowId());
    out.printf("  run       %s%n", started.execution().getRunId());
    InterruptedRun interrupted = started.interrupted();
    out.printf(
        "  reads     %s%n",
        interrupted == null
            ? "no earlier failover found; recovery reads AWS alone"
            : "failover run " + interrupted.runId() + " (" + interrupted.closeStatus() + ")");
    out.println();
    out.println("Next:");
    next(
        out,
        "./failover status " + app,
        "read its proposal: which region, roll back or roll forward, and why");
    next(
        out,
        "./failover approve " + app + " --as NAME",
        "approve the proposal; two distinct approvers where data may be lost");
    next(out, "./failover deny " + app + " --as NAME --reason TEXT", "refuse it; nothing changes");
    out.flush();
    return ExitCode.OK;
  }

  private static void next(PrintWriter out, String command, String what) {
    out.printf("  %-50s %s%n", command, what);
  }
}
