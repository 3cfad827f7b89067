package dev.regionfailover.devtools;

import dev.regionfailover.devtools.bench.BenchCommand;
import dev.regionfailover.devtools.local.DemoCommand;
import dev.regionfailover.devtools.local.DevCommand;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import dev.regionfailover.starter.cli.TemporalConnector;
import picocli.CommandLine;

/**
 * The operator CLI with the developer's tools added: {@code dev}, {@code demo} and {@code bench}.
 * The {@code ./failover} launcher runs it for those three commands and for the top-level help, so
 * that the help lists them; every other command runs the operator CLI, which ships without them.
 */
public final class DevToolsCli {

  private DevToolsCli() {}

  public static void main(String[] args) {
    System.exit(commandLine(new GrpcTemporalConnector()).execute(args));
  }

  /** The configured command line; tests pass a connector to an in-process Temporal service. */
  public static CommandLine commandLine(TemporalConnector connector) {
    return FailoverCli.commandLine(
        connector, DevCommand.class, DemoCommand.class, BenchCommand.class);
  }
}
