package dev.regionfailover.starter.reconcile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code reconcile}: the commands of ReconcileRegion workflows. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Reconciles an app's old region after a failover: start, say it recovered, read the"
            + " report.",
    subcommands = {
      ReconcileStartCommand.class,
      ReconcileRecoveredCommand.class,
      ReconcileReportCommand.class
    })
public final class ReconcileCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
