package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.detection.MonitorRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who stops it.")
  private String by;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    String who = Arguments.nonBlank(spec, "--by", by);
    target.call(
        client -> {
          new MonitorClient(client).stop(app, who, reason);
          return null;
        });
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Stopped the health monitor of %s (workflow %s). A failover it started runs on.%n",
        app, MonitorRequest.workflowId(app));
    out.flush();
    return ExitCode.OK;
  }
}
