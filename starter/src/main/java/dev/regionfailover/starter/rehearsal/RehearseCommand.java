package dev.regionfailover.starter.rehearsal;

import dev.regionfailover.starter.temporal.WorkflowTarget;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalResult;
import dev.regionfailover.workflows.rehearsal.RehearsalText;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code rehearse APP --target REGION --hold DURATION}: runs a switchover rehearsal now. */
@Command(
    name = "rehearse",
    mixinStandardHelpOptions = true,
    description =
        "Rehearses a switchover of APP now: readiness, a DRILL failover to the target, a hold"
            + " with health checks, and a DRILL failover back (unless --rotate).")
public final class RehearseCommand implements Callable<Integer> {

  @Mixin private WorkflowTarget target;

  @Mixin private RehearsalOptions rehearsal;

  @Option(
      names = "--wait",
      description = "Wait for the rehearsal to end and print its figures; exit 1 if it failed.")
  private boolean await;

  @Override
  public Integer call() {
    CommandSpec spec = target.command();
    String app = target.app();
    RehearsalRequest request = rehearsal.request(spec, app);
    PrintWriter out = spec.commandLine().getOut();
    return target.call(
        temporal -> {
          RehearsalClient client = new RehearsalClient(temporal);
          WorkflowExecution execution = client.start(request);
          out.printf(
              "Started a switchover rehearsal of %s to %s (hold %s%s).%n",
              app, request.targetRegion(), request.holdFor(), request.rotate() ? ", rotation" : "");
          out.printf("  workflow  %s%n", execution.getWorkflowId());
          out.printf("  run       %s%n", execution.getRunId());
          out.println();
          if (!await) {
            out.println("Next:");
            out.printf(
                "  %-60s %s%n",
                "./failover status " + app, "follow the failover the rehearsal runs");
            out.printf(
                "  %-60s %s%n",
                "temporal workflow query --workflow-id "
                    + execution.getWorkflowId()
                    + " --type status",
                "where the rehearsal is");
            out.flush();
            return ExitCode.OK;
          }
          out.flush();
          RehearsalResult result = client.result(execution);
          out.print(RehearsalText.render(result));
          out.flush();
          return ExitCode.OK;
        });
  }
}
