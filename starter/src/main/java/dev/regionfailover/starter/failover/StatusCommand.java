package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.FailoverStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code status APP}: where the app's latest failover stands, running or finished. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows where the latest failover of APP stands, running or finished.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--json", description = "Print the status record as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    FailoverStatus status = target.call(client -> new FailoverClient(client).status(app));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? StatusJson.write(status) + "\n" : StatusRenderer.render(status));
    out.flush();
    return ExitCode.OK;
  }
}
