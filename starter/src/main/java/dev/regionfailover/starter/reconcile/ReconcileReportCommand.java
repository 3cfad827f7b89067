package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.JsonOutput;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.reconcile.ReconcileMarkdown;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reconcile report APP}: the report as Markdown, or the status while it runs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Prints the report of the latest reconciliation of APP as Markdown; while it runs, what"
            + " it waits for and each check's progress.")
public final class ReconcileReportCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private JsonOutput json;

  @Override
  public Integer call() {
    String app = target.app();
    return target.send(client -> new ReconcileClient(client).latest(app), Report.text(this::text));
  }

  /** The report once the reconciliation ended, else where it stands. */
  private String text(ReconcileClient.Outcome outcome) {
    return outcome.report() != null
        ? json.text(outcome.report(), ReconcileMarkdown::render)
        : json.text(outcome.status(), ReconcileMarkdown::render);
  }
}
