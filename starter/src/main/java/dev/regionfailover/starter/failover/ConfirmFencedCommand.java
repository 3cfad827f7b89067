package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.ConfirmFencedSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who confirms it.")
  private String by;

  @Option(
      names = "--note",
      required = true,
      paramLabel = "TEXT",
      description = "How they are isolated, for the record.")
  private String note;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    ConfirmFencedSignal signal =
        new ConfirmFencedSignal(
            Arguments.nonBlank(spec, "--by", by), Arguments.nonBlank(spec, "--note", note));
    UpdateAnswer answer =
        target.call(client -> new FailoverClient(client).confirmFenced(app, signal));
    return UpdateReport.print(spec.commandLine().getOut(), app, "confirmFenced", answer);
  }
}
