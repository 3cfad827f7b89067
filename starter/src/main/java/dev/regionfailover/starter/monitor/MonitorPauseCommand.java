package dev.regionfailover.starter.monitor;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.cli.Reason;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.detection.OperatorSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code monitor pause APP}: the monitor keeps sampling but starts no failover. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Pauses the health monitor of APP: it keeps sampling but starts no failover.")
public final class MonitorPauseCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Operator operator;

  @Mixin private Reason reason;

  @Override
  public Integer call() {
    String app = target.app();
    OperatorSignal signal = new OperatorSignal(operator.name(), reason.text());
    return target.send(
        client -> new MonitorClient(client).pause(app, signal),
        MonitorReport.of(
            ("Sent pause to the monitor of %s, but it did not show itself paused in time; check"
                    + " ./failover monitor status %s")
                .formatted(app, app),
            status ->
                ("The monitor of %s is paused by %s: it keeps sampling and starts no failover"
                        + " until ./failover monitor resume %s --by NAME")
                    .formatted(app, status.pausedBy(), app)));
  }
}
