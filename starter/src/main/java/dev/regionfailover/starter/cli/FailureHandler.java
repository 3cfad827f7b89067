package dev.regionfailover.starter.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed operation into one clear line on stderr and exit code 1. A {@link CliFailure}
 * already says what to do; anything else is unexpected, so its stack trace goes to the debug log.
 */
public final class FailureHandler implements IExecutionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliFailure) {
      err.println("error: " + e.getMessage());
    } else {
      err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      log.debug("{} failed", commandLine.getCommandSpec().qualifiedName(), e);
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }
}
