package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.reconcile.ReconcileRegionWorkflow;
import dev.regionfailover.workflows.reconcile.RecoverySignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin private Operator operator;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the report.")
  private String note;

  @Override
  public Integer call() {
    String app = target.app();
    RecoverySignal signal = new RecoverySignal(operator.name(), note == null ? null : note.strip());
    return target.send(
        client -> new ReconcileClient(client).recovered(app, signal),
        "Sent regionRecovered to %s: see ./failover reconcile report %s"
            .formatted(ReconcileRegionWorkflow.workflowId(app), app));
  }
}
