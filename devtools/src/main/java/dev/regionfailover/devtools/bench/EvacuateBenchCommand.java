package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.devtools.local.LocalStackConfig;
import dev.regionfailover.devtools.local.LocalStackOptions;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.workflows.evacuation.EvacuationReport;
import dev.regionfailover.workflows.evacuation.EvacuationRequest;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.quota.QuotaApi;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench evacuate}: N apps, made from the example estate with dependencies between some of
 * them, evacuated from one region at once on a local stack of their own, with the stand-in
 * enforcing AWS's account-wide quotas. It compares the evacuation's wall time with the least time
 * Route 53's quota allows for its changes, and reports the throttling that reached an activity, the
 * largest history and the worker's peak memory.
 */
@Command(
    name = "evacuate",
    mixinStandardHelpOptions = true,
    description =
        "Evacuates one region of N generated apps at once on a local stack, with the stand-in"
            + " enforcing AWS's quotas, and prints the time against the quota's lower bound,"
            + " throttling, history size and worker memory.")
public final class EvacuateBenchCommand implements Callable<Integer> {

  private static final String REGION = "us-east-1";
  private static final Path TEMPLATE = Path.of("deploy", "estates", "orders.yaml");
  private static final Path ESTATES = Path.of("target", "bench-evacuate-estates");

  @Spec private CommandSpec spec;

  @Option(
      names = "--apps",
      paramLabel = "N",
      defaultValue = "100",
      description = "Apps to generate and evacuate (default ${DEFAULT-VALUE}).")
  private int apps;

  @Option(
      names = "--max-concurrent",
      paramLabel = "M",
      defaultValue = "50",
      description = "Failovers the evacuation runs at once (default ${DEFAULT-VALUE}).")
  private int maxConcurrent;

  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      defaultValue = "60",
      description =
          "How long the evacuation may take before the bench gives up (default ${DEFAULT-VALUE}).")
  private int timeoutMinutes;

  @Override
  public Integer call() throws Exception {
    BenchOptions.check(spec, "--apps", apps, 1, 500);
    BenchOptions.check(
        spec, "--max-concurrent", maxConcurrent, 1, EvacuationRequest.MAX_CONCURRENCY);
    BenchOptions.check(spec, "--timeout", timeoutMinutes, 1, 24 * 60);
    PrintWriter out = spec.commandLine().getOut();
    Path estates = LocalStackOptions.home().resolve(ESTATES);
    EvacuationEstates.write(LocalStackOptions.home().resolve(TEMPLATE), estates, apps);
    LocalStackConfig config = LocalStackOptions.onFreePorts("bench-evacuate", estates);
    say(
        out,
        "generated %d estates in %s; starting a local stack and provisioning them...",
        apps,
        estates);
    try (LocalStack stack = LocalStackOptions.start(config)) {
      AwsStandIn standIn =
          stack.standIn().orElseThrow(() -> new CliFailure("the local stack has no AWS stand-in"));
      standIn.quotas().awsQuotas();
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(service);
        EvacuationFigures figures = evacuate(out, stack, standIn, client);
        out.println();
        out.print(figures.render());
        out.flush();
        return figures.complete() ? ExitCode.OK : ExitCode.SOFTWARE;
      } finally {
        service.shutdown();
      }
    }
  }

  private EvacuationFigures evacuate(
      PrintWriter out, LocalStack stack, AwsStandIn standIn, WorkflowClient client)
      throws Exception {
    ProcessMemory memory = new ProcessMemory(stack.worker().pid());
    RegionEvacuationWorkflow evacuation =
        client.newWorkflowStub(
            RegionEvacuationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EvacuationRequest.workflowId(REGION))
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(timeoutMinutes))
                .build());
    say(
        out,
        "evacuating %s: %d apps, at most %d at once, as a DRILL...",
        REGION,
        apps,
        maxConcurrent);
    standIn.callTimeline().startRecording();
    long started = System.nanoTime();
    EvacuationReport report =
        evacuation.run(
            new EvacuationRequest(
                REGION,
                FailoverMode.DRILL.name(),
                "bench evacuate",
                "bench",
                null,
                null,
                null,
                maxConcurrent));
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    List<TimedCall> calls = standIn.callTimeline().stopRecording();
    say(out, "done in %.1f s; reading histories and metrics...", wall.toMillis() / 1e3);
    Map<QuotaApi, Long> throttled = new EnumMap<>(QuotaApi.class);
    Map<QuotaApi, Double> rates = new EnumMap<>(QuotaApi.class);
    for (QuotaApi api : QuotaApi.values()) {
      throttled.put(api, standIn.quotas().throttled(api));
      rates.put(api, api.quotaPerSecond());
    }
    return new EvacuationFigures(
        apps,
        maxConcurrent,
        wall,
        report,
        calls.size(),
        QuotaCalls.of(calls),
        throttled,
        rates,
        ThrottledCalls.scrape(stack.workerMetrics()),
        LargestHistory.of(client),
        memory.peakResidentKb());
  }

  private static void say(PrintWriter out, String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
