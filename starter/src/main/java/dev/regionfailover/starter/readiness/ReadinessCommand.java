package dev.regionfailover.starter.readiness;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.cli.JsonOutput;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalOptions;
import dev.regionfailover.starter.temporal.WorkflowSummaries;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.failure.RootCause;
import dev.regionfailover.workflows.readiness.ReadinessCheckWorkflow;
import dev.regionfailover.workflows.readiness.ReadinessReport;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import dev.regionfailover.workflows.readiness.ReadinessText;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code readiness APP [--target REGION]}: runs the ReadinessCheck workflow and prints its report.
 * The checks run in the worker, so they use the worker's credentials, the ones a failover uses.
 * Exit code 0 when ready, 1 when any check failed (or the check could not run), 2 on a usage error,
 * so that a deploy pipeline can gate on it.
 */
@Command(
    name = "readiness",
    mixinStandardHelpOptions = true,
    description = {
      "Checks, changing nothing, whether APP could fail over now: every ASSESS check, run by the"
          + " worker with its own credentials as a ReadinessCheck workflow.",
      "Exit code 0 when ready, 1 when any check fails, 2 on a usage error."
    })
public final class ReadinessCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  @Option(
      names = "--target",
      paramLabel = "REGION",
      description = "The region to fail over to (default: the estate's other region).")
  private String target;

  @Mixin private JsonOutput json;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT5M",
      description = "How long to wait for the report (ISO-8601, default ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Override
  public Integer call() {
    Arguments.app(spec, app);
    if (target != null) {
      Arguments.region(spec, "--target", target);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--timeout must be positive: " + timeout);
    }
    String workflowId = "readiness-" + app + "-" + System.currentTimeMillis();
    ReadinessRequest request = new ReadinessRequest(app, target);
    ReadinessReport report;
    try (TemporalConnection connection = temporal.connect(spec)) {
      WorkflowStub stub =
          connection
              .client()
              .newUntypedWorkflowStub(
                  ReadinessCheckWorkflow.TYPE,
                  WorkflowSummaries.readiness(request)
                      .addTo(WorkflowOptions.newBuilder())
                      .setWorkflowId(workflowId)
                      .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                      // Without a worker the check never runs; it should not linger after the
                      // CLI gave up on it.
                      .setWorkflowExecutionTimeout(timeout)
                      .build());
      stub.start(request);
      report = stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, ReadinessReport.class);
    } catch (TimeoutException e) {
      throw new CliFailure(
          "no readiness report of "
              + app
              + " within "
              + timeout
              + " (workflow "
              + workflowId
              + "): is a worker polling task queue "
              + RegionFailoverWorkflow.TASK_QUEUE
              + "?");
    } catch (WorkflowException e) {
      throw new CliFailure(
          "the readiness check of "
              + app
              + " (workflow "
              + workflowId
              + ") failed: "
              + RootCause.message(e),
          e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json.text(report, asJson(report), r -> ReadinessText.render(r, workflowId)));
    out.flush();
    return report.ready() ? ExitCode.OK : ExitCode.SOFTWARE;
  }

  /** The report's fields with its verdict first, for scripts. */
  private static Map<String, Object> asJson(ReadinessReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ready", report.ready());
    json.put("app", report.app());
    json.put("sourceRegion", report.sourceRegion());
    json.put("targetRegion", report.targetRegion());
    json.put("checkedAtMillis", report.checkedAtMillis());
    json.put("findings", report.findings());
    return json;
  }
}
