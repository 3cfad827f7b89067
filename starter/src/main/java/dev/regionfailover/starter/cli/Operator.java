package dev.regionfailover.starter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --by NAME}: the operator a command acts for, mixed into the commands that send a workflow
 * an operator's decision. Each command says in {@code Options.properties} what its operator does.
 */
public final class Operator {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--by",
      required = true,
      paramLabel = "NAME",
      descriptionKey = "by",
      description = "Who does it.")
  private String name;

  /** The operator's name, after checking that it is not blank. */
  public String name() {
    return Arguments.nonBlank(command, "--by", name);
  }
}
