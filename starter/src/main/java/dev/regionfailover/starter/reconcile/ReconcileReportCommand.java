package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.failover.StatusJson;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
    return target.send(client -> new ReconcileClient(client).latest(app), Report.text(this::text));
  }

  /** The report once the reconciliation ended, else where it stands. */
  private String text(ReconcileClient.Outcome outcome) {
    if (outcome.report() != null) {
      return json
          ? StatusJson.write(outcome.report()) + "\n"
          : ReconcileMarkdown.render(outcome.report());
    }
    return json
        ? StatusJson.write(outcome.status()) + "\n"
        : ReconcileMarkdown.render(outcome.status());
  }
}
