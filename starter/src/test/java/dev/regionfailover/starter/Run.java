package dev.regionfailover.starter;

import dev.regionfailover.starter.cli.TemporalConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The outcome of one CLI command line in a test: exit code, stdout and stderr. */
public record Run(int exitCode, String out, String err) {

  /** A connector for commands that must not reach Temporal. */
  public static final TemporalConnector NO_TEMPORAL =
      (address, namespace) -> {
        throw new AssertionError("the command connected to Temporal at " + address);
      };

  /** Runs a command line as {@code ./failover} would, with its output captured. */
  public static Run of(TemporalConnector connector, String... args) {
    return of(FailoverCli.commandLine(connector), args);
  }

  /** Runs a command line of the given CLI, with its output captured. */
  public static Run of(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
