package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.detection.OperatorSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor resume APP}: a paused monitor may start failovers again. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resumes a paused health monitor of APP.")
public final class MonitorResumeCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Operator operator;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    String app = target.app();
    OperatorSignal signal = new OperatorSignal(operator.name(), reason);
    return target.send(
        client -> new MonitorClient(client).resume(app, signal),
        MonitorReport.of(
            ("Sent resume to the monitor of %s, but it still shows itself paused; check"
                    + " ./failover monitor status %s")
                .formatted(app, app),
            status ->
                "The monitor of %s is running: an impaired writer region starts a failover again."
                    .formatted(app)));
  }
}
