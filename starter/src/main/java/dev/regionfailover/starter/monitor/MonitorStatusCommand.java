package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.JsonOutput;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.starter.temporal.WorkflowTarget.Report;
import dev.regionfailover.workflows.detection.MonitorStatusText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code monitor status APP}: the monitor's verdicts, samples, pause and failover. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the health monitor of APP: verdicts, last samples, pause, failover.")
public final class MonitorStatusCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private JsonOutput json;

  @Override
  public Integer call() {
    String app = target.app();
    return target.send(
        client -> new MonitorClient(client).status(app),
        Report.text(status -> json.text(status, MonitorStatusText::render)));
  }
}
