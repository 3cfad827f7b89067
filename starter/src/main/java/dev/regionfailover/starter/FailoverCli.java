package dev.regionfailover.starter;

import dev.regionfailover.starter.cli.CommandFactory;
import dev.regionfailover.starter.cli.CommandGroup;
import dev.regionfailover.starter.cli.FailureHandler;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import dev.regionfailover.starter.cli.TemporalConnector;
import dev.regionfailover.starter.cli.UsageErrorHandler;
import dev.regionfailover.starter.estate.ValidateCommand;
import dev.regionfailover.starter.evacuation.EvacuateCommand;
import dev.regionfailover.starter.failover.AbortCommand;
import dev.regionfailover.starter.failover.ApproveCommand;
import dev.regionfailover.starter.failover.ConfirmFencedCommand;
import dev.regionfailover.starter.failover.DenyCommand;
import dev.regionfailover.starter.failover.RecoverCommand;
import dev.regionfailover.starter.failover.StartCommand;
import dev.regionfailover.starter.failover.StatusCommand;
import dev.regionfailover.starter.iam.IamPolicyCommand;
import dev.regionfailover.starter.monitor.MonitorCommand;
import dev.regionfailover.starter.readiness.ReadinessCommand;
import dev.regionfailover.starter.reconcile.ReconcileCommand;
import dev.regionfailover.starter.rehearsal.RehearseCommand;
import dev.regionfailover.starter.schedule.ScheduleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator CLI. Exit codes, picocli's: 0 ({@code ExitCode.OK}) when the operation succeeded, 1
 * ({@code ExitCode.SOFTWARE}) when it failed, 2 ({@code ExitCode.USAGE}) when the command line
 * itself is wrong.
 *
 * <p>This class only wires: the commands, picocli's settings, and the {@link CommandFactory} that
 * gives the commands their Temporal connector. What the commands share lives in {@code
 * dev.regionfailover.starter.cli}, so that no command package depends on this one.
 */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    version = "region-failover 0.1.0",
    description = "Moves an application's traffic and write authority to another AWS region.",
    resourceBundle = "dev.regionfailover.starter.cli.Options",
    subcommands = {
      StartCommand.class,
      ApproveCommand.class,
      DenyCommand.class,
      AbortCommand.class,
      ConfirmFencedCommand.class,
      StatusCommand.class,
      RecoverCommand.class,
      ReadinessCommand.class,
      ReconcileCommand.class,
      ValidateCommand.class,
      IamPolicyCommand.class,
      RehearseCommand.class,
      ScheduleCommand.class,
      MonitorCommand.class,
      EvacuateCommand.class
    })
public final class FailoverCli extends CommandGroup {

  public static void main(String[] args) {
    System.exit(commandLine(new GrpcTemporalConnector()).execute(args));
  }

  /**
   * The configured command line; tests pass a connector to an in-process Temporal service.
   *
   * @param tools commands added after the operator's, as the developer's tools add {@code dev},
   *     {@code demo} and {@code bench}
   */
  public static CommandLine commandLine(TemporalConnector connector, Class<?>... tools) {
    CommandLine commandLine = new CommandLine(FailoverCli.class, new CommandFactory(connector));
    for (Class<?> tool : tools) {
      commandLine.addSubcommand(tool);
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    return commandLine;
  }
}
