package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.Arguments;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.TemporalConnection;
import dev.regionfailover.starter.TemporalOptions;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The app a monitor command acts on and the Temporal it reaches it through. */
public final class MonitorTarget {

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

  public CommandSpec command() {
    return command;
  }

  /** Runs {@code action} with a client connected to Temporal, then closes the connection. */
  public <T> T call(Function<MonitorClient, T> action) {
    CommandSpec root = command;
    while (root.parent() != null) {
      root = root.parent();
    }
    FailoverCli cli = (FailoverCli) root.userObject();
    try (TemporalConnection connection = temporal.connect(cli.connector())) {
      return action.apply(new MonitorClient(connection.client()));
    }
  }
}
