package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.AbortSignal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code abort APP}: sends the update {@code abortUpdate} to the app's running failover. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stops a failover of APP; before promotion it rolls back.")
public final class AbortCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who stops it.")
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
    AbortSignal signal =
        new AbortSignal(
            Arguments.nonBlank(spec, "--by", by), Arguments.nonBlank(spec, "--reason", reason));
    UpdateAnswer answer = target.call(client -> new FailoverClient(client).abort(app, signal));
    return UpdateReport.print(spec.commandLine().getOut(), app, "abort", answer);
  }
}
