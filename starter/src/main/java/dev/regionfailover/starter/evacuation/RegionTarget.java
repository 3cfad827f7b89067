package dev.regionfailover.starter.evacuation;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalOptions;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The region an evacuation command acts on and the Temporal it reaches it through. */
public final class RegionTarget {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Mixin private TemporalOptions temporal;

  // Optional for picocli, so that "evacuate status REGION" is not refused for lacking the start's
  // REGION; each command checks it instead.
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REGION",
      description = "The evacuated region.")
  private String region;

  /** The region, after checking that it is given and is an AWS region. */
  public String region() {
    if (region == null) {
      throw new ParameterException(command.commandLine(), "Missing required parameter: 'REGION'");
    }
    return Arguments.region(command, "REGION", region);
  }

  /** The command this target is mixed into, for its output and usage errors. */
  public CommandSpec command() {
    return command;
  }

  /** Runs {@code action} with a client connected to Temporal, then closes the connection. */
  public <T> T call(Function<WorkflowClient, T> action) {
    try (TemporalConnection connection = temporal.connect(command)) {
      return action.apply(connection.client());
    }
  }

  /** Prints {@code text} and flushes. */
  public void print(String text) {
    PrintWriter out = command.commandLine().getOut();
    out.print(text);
    out.flush();
  }
}
