package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.Operator;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code confirm-fenced APP}: sends the update {@code confirmFencedUpdate} to the app's running
 * failover.
 */
@Command(
    name = "confirm-fenced",
    mixinStandardHelpOptions = true,
    description =
        "Confirms that the resources an UNPLANNED failover of APP could not reach in the old region"
            + " are isolated, so it may go on to approval.")
public final class ConfirmFencedCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private Operator operator;

  @Option(
      names = "--note",
      required = true,
      paramLabel = "TEXT",
      description = "How they are isolated, for the record.")
  private String note;

  @Override
  public Integer call() {
    String app = target.app();
    ConfirmFencedSignal signal =
        new ConfirmFencedSignal(
            operator.name(), Arguments.nonBlank(target.command(), "--note", note));
    return target.send(
        client -> new FailoverClient(client).confirmFenced(app, signal),
        UpdateReport.of(app, "confirmFenced"));
  }
}
