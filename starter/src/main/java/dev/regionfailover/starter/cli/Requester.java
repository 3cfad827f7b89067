package dev.regionfailover.starter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --requested-by NAME} and {@code --reason TEXT}: who asks for a failover, a recovery or a
 * rehearsal, and why. The rehearsal commands say in {@code Options.properties} that their requester
 * may also approve.
 */
public final class Requester {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
  private String reason;

  @Option(
      names = "--requested-by",
      defaultValue = "${env:USER}",
      paramLabel = "NAME",
      descriptionKey = "requested-by",
      description = "Who asks for it (default $USER); they cannot approve it themselves.")
  private String name;

  /** Who asks: the option, else $USER; a blank one is a usage error of its own. */
  public String name() {
    if (name == null) {
      throw missing();
    }
    return Arguments.nonBlank(command, "--requested-by", name);
  }

  /** Who asks, stripped; a blank one counts as missing. */
  public String nameOrMissing() {
    if (name == null || name.isBlank()) {
      throw missing();
    }
    return name.strip();
  }

  /** Why, as given; empty when not. */
  public String reason() {
    return reason;
  }

  private ParameterException missing() {
    return new ParameterException(
        command.commandLine(), "--requested-by NAME is required when $USER is not set");
  }
}
