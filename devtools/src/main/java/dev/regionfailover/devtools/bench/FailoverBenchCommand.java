package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.aws.AwsStandIn;
import dev.regionfailover.devstack.aws.Faults;
import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.devtools.local.LocalStackConfig;
import dev.regionfailover.devtools.local.LocalStackOptions;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench failover}: every performance figure of the product measured side by side in one run
 * on a local stack of its own, printed as one table. P1 runs a PLANNED failover with AWS given its
 * real pace by the stand-in and compares its wall time with the time AWS worked for it; P3 kills
 * the worker in several phases of a DRILL failback and reads from history how long each kill held
 * the work, and times the replay of P1's history; P5 times worker starts and reads the worker's
 * memory idle and at its peak during the re-pin of P2, which compares the {@code RepinEntities}
 * workflow with a plain loop.
 */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    description =
        "Measures orchestration overhead (P1), recovery after SIGKILL and replay (P3), worker"
            + " footprint (P5) and the re-pin ratio (P2) in one run on a local stack of its own,"
            + " and prints them as one table.")
public final class FailoverBenchCommand implements Callable<Integer> {

  private static final String TARGET = "us-west-2";
  private static final String SOURCE = "us-east-1";
  private static final List<Phase> KILL_PHASES =
      List.of(Phase.SHIFT, Phase.FENCE, Phase.PROMOTE, Phase.REPIN, Phase.ACTIVATE);
  private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);

  @Spec private CommandSpec spec;

  @Option(
      names = "--entities",
      paramLabel = "N",
      defaultValue = "50000",
      description = "Entities re-pinned for P2 and P5 (default ${DEFAULT-VALUE}).")
  private int entities;

  @Option(
      names = "--latency",
      paramLabel = "MS",
      defaultValue = "50",
      description =
          "Milliseconds the stand-in adds to every AWS call in P1 and P3 (default ${DEFAULT-VALUE}).")
  private int latencyMillis;

  @Option(
      names = "--switchover",
      paramLabel = "S",
      defaultValue = "30",
      description = "Seconds an Aurora switchover takes in P1 and P3 (default ${DEFAULT-VALUE}).")
  private int switchoverSeconds;

  @Option(
      names = "--dns-sync",
      paramLabel = "S",
      defaultValue = "5",
      description =
          "Seconds a Route 53 change stays PENDING before INSYNC in P1 and P3 (default ${DEFAULT-VALUE}).")
  private int dnsSyncSeconds;

  @Option(
      names = "--kills",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "Worker kills in P3, one in each of the first K of SHIFT, FENCE, PROMOTE, REPIN and"
              + " ACTIVATE (default ${DEFAULT-VALUE}).")
  private int kills;

  @Override
  public Integer call() throws Exception {
    BenchOptions.check(spec, "--entities", entities, 1, 10_000_000);
    BenchOptions.check(spec, "--latency", latencyMillis, 0, 10_000);
    BenchOptions.check(spec, "--switchover", switchoverSeconds, 0, 3_600);
    BenchOptions.check(spec, "--dns-sync", dnsSyncSeconds, 0, 600);
    BenchOptions.check(spec, "--kills", kills, 0, KILL_PHASES.size());
    PrintWriter out = spec.commandLine().getOut();
    LocalStackConfig config = LocalStackOptions.onFreePorts("bench");
    long benchStarted = System.nanoTime();
    say(out, "starting a local stack on free ports (worker logs in %s)...", config.logDirectory());
    try (LocalStack stack = LocalStackOptions.start(config)) {
      AwsStandIn standIn =
          stack.standIn().orElseThrow(() -> new CliFailure("the local stack has no AWS stand-in"));
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(service);
        BenchResults results = measure(out, stack, standIn, client, config);
        out.println();
        out.print(results.render(Duration.ofNanos(System.nanoTime() - benchStarted)));
        out.flush();
        return results.complete() ? ExitCode.OK : ExitCode.SOFTWARE;
      } finally {
        service.shutdown();
      }
    }
  }

  private BenchResults measure(
      PrintWriter out,
      LocalStack stack,
      AwsStandIn standIn,
      WorkflowClient client,
      LocalStackConfig config)
      throws Exception {
    Duration latency = Duration.ofMillis(latencyMillis);
    Duration switchover = Duration.ofSeconds(switchoverSeconds);
    Duration dnsSync = Duration.ofSeconds(dnsSyncSeconds);
    Faults faults = standIn.faults();
    faults.latency(latency);
    faults.globalLatency(latency);
    standIn.setPromotionDuration(switchover);
    standIn.setRoute53ChangeDelay(dnsSync);
    WorkerRestarts restarts = new WorkerRestarts(stack, client);
    BenchFailover failovers = new BenchFailover(client, stack, restarts);

    say(out, "P1: a PLANNED failover of %s to %s, approved at once...", BenchFailover.APP, TARGET);
    standIn.callTimeline().startRecording();
    BenchFailover.Run planned = failovers.run(TARGET, FailoverMode.PLANNED, List.of());
    List<TimedCall> calls = standIn.callTimeline().stopRecording();
    WorkflowExecutionHistory history =
        client.fetchHistory(planned.execution().getWorkflowId(), planned.execution().getRunId());
    P1Figures p1 = P1Figures.of(planned, history, calls, switchover, dnsSync);
    say(out, "P1: done in %.1f s; replaying its history...", p1.wall().toMillis() / 1e3);
    ReplayTiming replay = ReplayTiming.of(history);

    say(out, "P3: a DRILL failback to %s, killing the worker %d times...", SOURCE, kills);
    BenchFailover.Run killed =
        failovers.run(SOURCE, FailoverMode.DRILL, KILL_PHASES.subList(0, kills));
    ActivityStarts starts = ActivityStarts.of(client, killed.execution().getWorkflowId());

    faults.clear();
    standIn.setRoute53ChangeDelay(Duration.ZERO);
    say(out, "P5: replacing the worker and letting it settle...");
    WorkerStartup fresh = restarts.replace();
    Thread.sleep(IDLE_SETTLE.toMillis());
    ProcessMemory memory = new ProcessMemory(stack.worker().pid());
    memory.collectGarbage();
    Thread.sleep(Duration.ofSeconds(1).toMillis());
    var idle = memory.residentKb();
    String idleHeap = memory.heap();

    say(
        out,
        "P2: re-pinning %d entities through the workflow and through a plain loop...",
        entities);
    RepinFigures repin =
        new RepinComparison(stack, client, config.workerClasspath(), out)
            .run(entities, Pins.DEFAULT_SEGMENTS, Pins.DEFAULT_PAGE_SIZE);
    return new BenchResults(
        latency, switchover, dnsSync, p1, replay, killed, starts, fresh, idle, idleHeap, repin);
  }

  private static void say(PrintWriter out, String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
