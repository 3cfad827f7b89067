package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.Arguments;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.TemporalConnection;
import dev.regionfailover.starter.TemporalOptions;
import dev.regionfailover.workflows.failover.FailoverStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status APP}: where the app's latest failover stands, running or finished. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows where the latest failover of APP stands, running or finished.")
public final class StatusCommand implements Callable<Integer> {

  @ParentCommand private FailoverCli cli;
  @Spec private CommandSpec spec;
  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  @Option(names = "--json", description = "Print the status record as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    Arguments.app(spec, app);
    FailoverStatus status;
    try (TemporalConnection connection = temporal.connect(cli.connector())) {
      status = new FailoverClient(connection.client()).status(app);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? StatusJson.write(status) + "\n" : StatusRenderer.render(status));
    out.flush();
    return FailoverCli.OK;
  }
}
