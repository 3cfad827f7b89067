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

/** {@code monitor pause APP}: the monitor keeps sampling but starts no failover. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Pauses the health monitor of APP: it keeps sampling but starts no failover.")
public final class MonitorPauseCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who pauses it.")
  private String by;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    OperatorSignal signal =
        new OperatorSignal(
            Arguments.nonBlank(spec, "--by", by), Arguments.nonBlank(spec, "--reason", reason));
    Optional<MonitorStatus> status =
        target.call(client -> new MonitorClient(client).pause(app, signal));
    PrintWriter out = spec.commandLine().getOut();
    if (status.isEmpty()) {
      out.printf(
          "Sent pause to the monitor of %s, but it did not show itself paused in time; check"
              + " ./failover monitor status %s%n",
          app, app);
      out.flush();
      return ExitCode.SOFTWARE;
    }
    out.printf(
        "The monitor of %s is paused by %s: it keeps sampling and starts no failover until"
            + " ./failover monitor resume %s --by NAME%n",
        app, status.get().pausedBy(), app);
    out.flush();
    return ExitCode.OK;
  }
}
