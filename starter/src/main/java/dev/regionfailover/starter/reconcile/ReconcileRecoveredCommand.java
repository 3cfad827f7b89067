package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code reconcile recovered APP --by NAME}: sends {@code regionRecovered}. */
@Command(
    name = "recovered",
    mixinStandardHelpOptions = true,
    description =
        "Tells the reconciliation of APP that its old region answers again, ending its wait at"
            + " once.")
public final class ReconcileRecoveredCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who says so.")
  private String by;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the report.")
  private String note;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    RecoverySignal signal =
        new RecoverySignal(
            Arguments.nonBlank(spec, "--by", by), note == null ? null : note.strip());
    target.call(
        client -> {
          new ReconcileClient(client).recovered(app, signal);
          return null;
        });
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Sent regionRecovered to %s: see ./failover reconcile report %s%n",
        ReconcileRegionWorkflow.workflowId(app), app);
    out.flush();
    return ExitCode.OK;
  }
}
