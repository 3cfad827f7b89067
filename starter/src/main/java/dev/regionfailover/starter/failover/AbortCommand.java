package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.cli.Reason;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.AbortSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code abort APP}: sends the update {@code abortUpdate} to the app's running failover. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stops a failover of APP; before promotion it rolls back.")
public final class AbortCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Operator operator;

  @Mixin private Reason reason;

  @Override
  public Integer call() {
    String app = target.app();
    AbortSignal signal = new AbortSignal(operator.name(), reason.text());
    return target.send(
        client -> new FailoverClient(client).abort(app, signal), UpdateReport.of(app, "abort"));
  }
}
