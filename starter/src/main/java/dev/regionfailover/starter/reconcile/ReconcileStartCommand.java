package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code reconcile start APP --old-region R}: starts a reconciliation by hand. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description =
        "Starts reconciling APP after a failover away from the old region: waits until it answers,"
            + " then checks Aurora, the ledger, replicated tables and queues.")
public final class ReconcileStartCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(
      names = "--old-region",
      required = true,
      paramLabel = "REGION",
      description = "The region that lost write authority.")
  private String oldRegion;

  @Option(
      names = "--writer-region",
      paramLabel = "REGION",
      description = "The region that writes now (default: what the authority ledger says).")
  private String writerRegion;

  @Option(
      names = "--by",
      defaultValue = "${sys:user.name}",
      paramLabel = "NAME",
      description = "Who starts it (default: ${DEFAULT-VALUE}).")
  private String by;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    String old = Arguments.region(spec, "--old-region", oldRegion);
    String writer =
        writerRegion == null ? null : Arguments.region(spec, "--writer-region", writerRegion);
    ReconcileRequest request =
        new ReconcileRequest(app, old, writer, 0, null, Arguments.nonBlank(spec, "--by", by));
    WorkflowExecution execution = target.call(client -> new ReconcileClient(client).start(request));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Started reconciling %s: old region %s, writer region %s.%n",
        app, old, writer == null ? "from the authority ledger" : writer);
    out.printf("  workflow  %s%n", execution.getWorkflowId());
    out.printf("  run       %s%n", execution.getRunId());
    out.println();
    out.printf("It probes %s until it answers, then checks and reports.%n", old);
    out.println("Next:");
    out.printf(
        "  %-55s %s%n", "./failover reconcile report " + app, "what it waits for, then the report");
    out.printf(
        "  %-55s %s%n",
        "./failover reconcile recovered " + app + " --by NAME", "say " + old + " answers again");
    out.flush();
    return ExitCode.OK;
  }
}
