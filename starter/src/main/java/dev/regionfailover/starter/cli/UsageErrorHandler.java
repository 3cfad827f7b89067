package dev.regionfailover.starter.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Prints what is wrong with the command line and where to find help, then exits with 2. */
public final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + e.getMessage());
    err.print(commandLine.getHelp().fullSynopsis());
    err.println(
        "Run '"
            + commandLine.getCommandSpec().qualifiedName()
            + " --help' for the options of this command.");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }
}
