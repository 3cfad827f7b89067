package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.detection.MonitorRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monitor stop APP}: terminates the monitor. Termination needs no worker and holds no state
 * worth keeping; a failover the monitor started runs on.
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stops the health monitor of APP; a failover it started runs on.")
public final class MonitorStopCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Operator operator;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    String app = target.app();
    String who = operator.name();
    return target.send(
        client -> new MonitorClient(client).stop(app, who, reason),
        "Stopped the health monitor of %s (workflow %s). A failover it started runs on."
            .formatted(app, MonitorRequest.workflowId(app)));
  }
}
