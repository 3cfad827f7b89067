package dev.regionfailover.devtools.bench;

import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.devtools.local.LocalStackOptions;
import dev.regionfailover.workflows.estate.Pins;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench repin}: re-pins N entities through the {@code RepinEntities} workflow on the local
 * stack, then the same N through plain threads running the same segment movers against the same
 * emulator, and prints both rates, their ratio, the worker's peak memory and the history events of
 * every workflow run.
 */
@Command(
    name = "repin",
    mixinStandardHelpOptions = true,
    description =
        "Re-pins N entities through the RepinEntities workflow and through a plain loop at the"
            + " same concurrency on a local stack, and prints rates, memory and history size.")
public final class RepinBenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions options;

  @Option(
      names = "--entities",
      paramLabel = "N",
      defaultValue = "50000",
      description = "Entities to re-pin (default ${DEFAULT-VALUE}).")
  private int entities;

  @Option(
      names = "--segments",
      paramLabel = "S",
      defaultValue = "" + Pins.DEFAULT_SEGMENTS,
      description = "Segments moved in parallel (default ${DEFAULT-VALUE}).")
  private int segments;

  @Option(
      names = "--page-size",
      paramLabel = "P",
      defaultValue = "" + Pins.DEFAULT_PAGE_SIZE,
      description = "Entities per audited batch (default ${DEFAULT-VALUE}).")
  private int pageSize;

  @Override
  public Integer call() throws Exception {
    BenchOptions.check(spec, "--entities", entities, 1, 10_000_000);
    BenchOptions.check(spec, "--segments", segments, 1, 64);
    BenchOptions.check(spec, "--page-size", pageSize, 1, 99);
    PrintWriter out = spec.commandLine().getOut();
    String workerClasspath = options.config(spec).workerClasspath();
    LocalStack stack = options.start(spec);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
    try {
      RepinFigures figures =
          new RepinComparison(stack, WorkflowClient.newInstance(service), workerClasspath, out)
              .run(entities, segments, pageSize);
      out.printf("%n");
      out.printf("entities                 %d%n", entities);
      out.printf("segments                 %d%n", segments);
      out.printf("page size                %d%n", pageSize);
      out.printf(
          "workflow                 %d moved in %.1f s: %.0f entities/s (%d writes, %d retried)%n",
          figures.workflowMoved(),
          figures.workflowSeconds(),
          figures.workflowRate(),
          figures.workflowWrites(),
          figures.workflowRetried());
      out.printf(
          "plain loop               %d moved in %.1f s: %.0f entities/s (%d writes)%n",
          figures.plainMoved(), figures.plainSeconds(), figures.plainRate(), figures.plainWrites());
      out.printf(
          "workflow / plain         %.2f (target >= %.2f)%n",
          figures.ratio(), RepinFigures.RATIO_TARGET);
      out.printf("worker peak RSS (VmHWM)  %s%n", ProcessMemory.megabytes(figures.workerPeakKb()));
      out.printf("worker heap              %s%n", figures.workerHeap());
      out.printf(
          "history events           %d runs: %s, sum %d, max %d (target < 2000 per run)%n",
          figures.historyEvents().size(),
          figures.historyEvents(),
          figures.historyEvents().stream().mapToInt(Integer::intValue).sum(),
          figures.historyEvents().stream().mapToInt(Integer::intValue).max().orElse(0));
      out.printf("continue-as-new          %d%n", figures.continueAsNew());
      out.flush();
      return figures.complete() ? ExitCode.OK : ExitCode.SOFTWARE;
    } finally {
      service.shutdown();
      stack.close();
    }
  }
}
