package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.Arguments;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.TemporalConnection;
import dev.regionfailover.starter.TemporalOptions;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The app a failover command acts on and the Temporal it reaches it through; mixed into every
 * command that talks to a failover.
 */
public final class FailoverTarget {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  /** The app, after checking that it can name one. */
  public String app() {
    Arguments.app(command, app);
    return app;
  }

  /** The command this target is mixed into, for its output and usage errors. */
  public CommandSpec command() {
    return command;
  }

  /** Runs {@code action} with a client connected to Temporal, then closes the connection. */
  public <T> T call(Function<FailoverClient, T> action) {
    FailoverCli cli = (FailoverCli) command.parent().userObject();
    try (TemporalConnection connection = temporal.connect(cli.connector())) {
      return action.apply(new FailoverClient(connection.client()));
    }
  }
}
