package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.detection.MonitorStatus;
import dev.regionfailover.workflows.detection.OperatorSignal;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code monitor resume APP}: a paused monitor may start failovers again. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resumes a paused health monitor of APP.")
public final class MonitorResumeCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who resumes it.")
  private String by;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    OperatorSignal signal = new OperatorSignal(Arguments.nonBlank(spec, "--by", by), reason);
    Optional<MonitorStatus> status =
        target.call(client -> new MonitorClient(client).resume(app, signal));
    PrintWriter out = spec.commandLine().getOut();
    if (status.isEmpty()) {
      out.printf(
          "Sent resume to the monitor of %s, but it still shows itself paused; check"
              + " ./failover monitor status %s%n",
          app, app);
      out.flush();
      return ExitCode.SOFTWARE;
    }
    out.printf(
        "The monitor of %s is running: an impaired writer region starts a failover again.%n", app);
    out.flush();
    return ExitCode.OK;
  }
}
