package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.Requester;
import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code start APP --to REGION}: starts the RegionFailover workflow of an app. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Starts a failover of APP to another region.")
public final class StartCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REGION",
      description = "The region that takes over traffic and writes.")
  private String targetRegion;

  @Option(
      names = "--mode",
      defaultValue = "PLANNED",
      paramLabel = "MODE",
      completionCandidates = StartModes.class,
      converter = StartModes.class,
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  private FailoverMode mode;

  @Mixin private Requester requester;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    Arguments.region(spec, "--to", targetRegion);
    FailoverRequest request =
        new FailoverRequest(app, targetRegion, mode, requester.reason(), requester.name());
    WorkflowExecution execution = target.call(client -> new FailoverClient(client).start(request));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Started a %s failover of %s to %s.%n", mode, app, targetRegion);
    out.printf("  workflow  %s%n", execution.getWorkflowId());
    out.printf("  run       %s%n", execution.getRunId());
    out.println();
    out.println("Next:");
    next(out, "./failover status " + app, "follow it");
    if (mode == FailoverMode.DRILL) {
      out.println("  (a DRILL approves its own promotion)");
    } else {
      next(out, "./failover approve " + app + " --as NAME", "approve the promotion when it waits");
      next(out, "./failover deny " + app + " --as NAME --reason TEXT", "refuse it and roll back");
    }
    next(
        out,
        "./failover abort " + app + " --by NAME --reason TEXT",
        "stop it; before promotion it rolls back");
    out.flush();
    return ExitCode.OK;
  }

  private static void next(PrintWriter out, String command, String what) {
    out.printf("  %-50s %s%n", command, what);
  }
}
