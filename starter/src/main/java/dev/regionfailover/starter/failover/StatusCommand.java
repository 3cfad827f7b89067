package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.JsonOutput;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.failover.StatusText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status APP}: where the app's latest failover stands, running or finished. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows where the latest failover of APP stands, running or finished.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private JsonOutput json;

  @Override
  public Integer call() {
    String app = target.app();
    return target.send(
        client -> new FailoverClient(client).status(app),
        Report.text(status -> json.text(status, StatusText::render)));
  }
}
