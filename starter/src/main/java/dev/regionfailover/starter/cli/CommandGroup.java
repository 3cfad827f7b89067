package dev.regionfailover.starter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups others ({@code failover}, {@code monitor}, {@code schedule}, ...): run
 * without one of them, it is a usage error that lists them.
 */
public abstract class CommandGroup implements Runnable {

  private final String what;

  @Spec private CommandSpec spec;

  /** A group of commands. */
  protected CommandGroup() {
    this("command");
  }

  /** A group whose members are called {@code what} in the usage error, as "benchmark". */
  protected CommandGroup(String what) {
    this.what = what;
  }

  @Override
  public final void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing " + what + ": choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
