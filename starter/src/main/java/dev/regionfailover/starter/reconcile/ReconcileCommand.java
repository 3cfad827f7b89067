package dev.regionfailover.starter.reconcile;

import dev.regionfailover.starter.cli.CommandGroup;
import picocli.CommandLine.Command;

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
public final class ReconcileCommand extends CommandGroup {}
