package dev.regionfailover.starter.temporal;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalOptions;
import io.temporal.client.WorkflowClient;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The app a command acts on and the Temporal it reaches it through; mixed into every command that
 * talks to one app's workflows or schedules. It is open for extension so that a target with more to
 * say about its object (a schedule's name) keeps these options as they are.
 */
public class WorkflowTarget {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  /** The app, after checking that it can name one. */
  public String app() {
    return Arguments.app(command, app);
  }

  /** The command this target is mixed into, for its output and usage errors. */
  public CommandSpec command() {
    return command;
  }

  /** Where Temporal is, for messages that name it. */
  public TemporalOptions temporal() {
    return temporal;
  }

  /** Runs {@code action} with a client connected to Temporal, then closes the connection. */
  public <T> T call(Function<WorkflowClient, T> action) {
    try (TemporalConnection connection = temporal.connect(command)) {
      return action.apply(connection.client());
    }
  }
}
