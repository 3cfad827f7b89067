package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.failover.StatusJson;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reconcile report APP}: the report as Markdown, or the status while it runs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Prints the report of the latest reconciliation of APP as Markdown; while it runs, what"
            + " it waits for and each check's progress.")
public final class ReconcileReportCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--json", description = "Print the report (or status) record as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    String app = target.app();
    ReconcileClient.Outcome outcome =
        target.call(client -> new ReconcileClient(client).latest(app));
    PrintWriter out = target.command().commandLine().getOut();
    if (outcome.report() != null) {
      out.print(
          json
              ? StatusJson.write(outcome.report()) + "\n"
              : ReconcileMarkdown.render(outcome.report()));
    } else {
      out.print(
          json
              ? StatusJson.write(outcome.status()) + "\n"
              : ReconcileMarkdown.render(outcome.status()));
    }
    out.flush();
    return ExitCode.OK;
  }
}
