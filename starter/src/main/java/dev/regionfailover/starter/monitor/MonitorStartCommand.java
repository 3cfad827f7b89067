package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.temporal.WorkflowTarget;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

/** {@code monitor start APP}: starts the app's RegionHealthMonitor. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Starts the health monitor of APP; it runs until stopped.")
public final class MonitorStartCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Override
  public Integer call() {
    String app = target.app();
    WorkflowExecution execution = target.call(client -> new MonitorClient(client).start(app));
    PrintWriter out = target.command().commandLine().getOut();
    out.printf("Started the health monitor of %s.%n", app);
    out.printf("  workflow  %s%n", execution.getWorkflowId());
    out.printf("  run       %s%n", execution.getRunId());
    out.println();
    out.println("Next:");
    out.printf("  %-55s %s%n", "./failover monitor status " + app, "verdicts, samples, failover");
    out.printf(
        "  %-55s %s%n",
        "./failover monitor pause " + app + " --by NAME --reason TEXT",
        "keep sampling, start no failover");
    out.printf("  %-55s %s%n", "./failover monitor stop " + app + " --by NAME", "end it");
    out.flush();
    return ExitCode.OK;
  }
}
