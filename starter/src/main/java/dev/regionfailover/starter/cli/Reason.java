package dev.regionfailover.starter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --reason TEXT}, required: why an operator stops, refuses or pauses something. */
public final class Reason {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the record.")
  private String text;

  /** The reason, after checking that it is not blank. */
  public String text() {
    return Arguments.nonBlank(command, "--reason", text);
  }
}
