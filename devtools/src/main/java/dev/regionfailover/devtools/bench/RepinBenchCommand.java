package dev.regionfailover.devtools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.PinnedEntities;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devtools.local.LocalStack;
import dev.regionfailover.devtools.local.LocalStackOptions;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.temporal.StartSummary;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.pins.RepinEntitiesWorkflow;
import dev.regionfailover.workflows.pins.RepinPlan;
import dev.regionfailover.workflows.pins.RepinSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  private static final String FROM = "us-east-1";
  private static final String TO = "us-west-2";
  private static final String APP = "bench";
  private static final String AUDIT = "bench-repin-audit";
  private static final String WORKFLOW_ID = "bench-repin";
  private static final Pattern PLAIN_DONE =
      Pattern.compile("Plain re-pin done: moved=(\\d+) writes=(\\d+) millis=(\\d+)");
  private static final Pattern HEAP_LINE = Pattern.compile(".*heap\\s+total.*");
  private static final int SEED_THREADS = 8;

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
    check("--entities", entities, 1, 10_000_000);
    check("--segments", segments, 1, 64);
    check("--page-size", pageSize, 1, 99);
    PrintWriter out = spec.commandLine().getOut();
    String workerClasspath = options.config(spec).workerClasspath();
    Pins pins =
        new Pins("bench-entities", "homeRegion", "homeRegion-index", "version", segments, pageSize);
    LocalStack stack = options.start(spec);
    try (EmulatorClients aws = new EmulatorClients(stack.awsEndpoint())) {
      PinnedEntities table = new PinnedEntities(aws, TO, pins);
      table.createTable();
      table.createAuditTable(AUDIT);
      seed(out, table);

      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      out.printf("re-pinning through the RepinEntities workflow...%n");
      out.flush();
      RepinEntitiesWorkflow workflow =
          client.newWorkflowStub(
              RepinEntitiesWorkflow.class,
              new StartSummary(
                      "Re-pin benchmark: every entity of bench-entities from " + FROM + " to " + TO,
                      "**RepinEntities** started by `./failover bench repin`, to compare the"
                          + " workflow with a plain loop over the same table.")
                  .addTo(WorkflowOptions.newBuilder())
                  .setWorkflowId(WORKFLOW_ID)
                  .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                  .build());
      long started = System.nanoTime();
      RepinSummary summary =
          workflow.run(
              new RepinPlan(APP, pins, TO, FROM, TO, AUDIT, null, null, "bench-workflow", 0));
      double workflowSeconds = (System.nanoTime() - started) / 1e9;
      List<Integer> events = historyEvents(client);
      long workerPid = stack.worker().pid();
      String peakRss = peakRss(workerPid);
      String heap = heap(workerPid);
      service.shutdown();

      seed(out, table);
      out.printf("re-pinning through the plain loop...%n");
      out.flush();
      Matcher plain = plainLoop(stack, workerClasspath, pins);
      long plainMoved = Long.parseLong(plain.group(1));
      double plainSeconds = Long.parseLong(plain.group(3)) / 1e3;

      double workflowRate = summary.moved() / workflowSeconds;
      double plainRate = plainMoved / plainSeconds;
      out.printf("%n");
      out.printf("entities                 %d%n", entities);
      out.printf("segments                 %d%n", segments);
      out.printf("page size                %d%n", pageSize);
      out.printf(
          "workflow                 %d moved in %.1f s: %.0f entities/s (%d writes, %d retried)%n",
          summary.moved(), workflowSeconds, workflowRate, summary.writes(), summary.retried());
      out.printf(
          "plain loop               %d moved in %.1f s: %.0f entities/s (%s writes)%n",
          plainMoved, plainSeconds, plainRate, plain.group(2));
      out.printf("workflow / plain         %.2f (target >= 0.80)%n", workflowRate / plainRate);
      out.printf("worker peak RSS (VmHWM)  %s%n", peakRss);
      out.printf("worker heap              %s%n", heap);
      out.printf(
          "history events           %d runs: %s, sum %d, max %d (target < 2000 per run)%n",
          events.size(),
          events,
          events.stream().mapToInt(Integer::intValue).sum(),
          events.stream().mapToInt(Integer::intValue).max().orElse(0));
      out.printf("continue-as-new          %d%n", summary.runs() - 1);
      out.flush();
      return summary.moved() == entities && plainMoved == entities
          ? ExitCode.OK
          : ExitCode.SOFTWARE;
    } finally {
      stack.close();
    }
  }

  private void check(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ParameterException(
          spec.commandLine(), option + ": " + value + " is not between " + min + " and " + max);
    }
  }

  private void seed(PrintWriter out, PinnedEntities table) {
    out.printf("seeding %d entities at home in %s...%n", entities, FROM);
    out.flush();
    long started = System.nanoTime();
    table.seed(entities, FROM, SEED_THREADS);
    out.printf("seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** The number of events of each run of the workflow, first run first. */
  private static List<Integer> historyEvents(WorkflowClient client) {
    List<Integer> events = new ArrayList<>();
    String runId = null;
    while (true) {
      WorkflowExecutionHistory history =
          runId == null
              ? client.fetchHistory(WORKFLOW_ID)
              : client.fetchHistory(WORKFLOW_ID, runId);
      events.add(0, history.getHistory().getEventsCount());
      runId =
          history
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      if (runId.isEmpty()) {
        return events;
      }
    }
  }

  private Matcher plainLoop(LocalStack stack, String workerClasspath, Pins pins)
      throws IOException {
    RepinPlan plan = new RepinPlan(APP, pins, TO, FROM, TO, AUDIT, null, null, "bench-plain", 0);
    Path log = stack.workerLog().resolveSibling("bench-plain-loop.log");
    try (JavaProcess plain =
        JavaProcess.builder(PlainRepinLoop.class.getName())
            .classpath(plainLoopClasspath(workerClasspath))
            .args(new ObjectMapper().writeValueAsString(plan))
            .env("AWS_ENDPOINT_URL", stack.awsEndpoint().toString())
            .env("AWS_ACCESS_KEY_ID", EmulatorClients.CREDENTIAL)
            .env("AWS_SECRET_ACCESS_KEY", EmulatorClients.CREDENTIAL)
            .env("AWS_REGION", TO)
            .logFile(log)
            .build()) {
      plain.start();
      String line = plain.awaitLine(PLAIN_DONE, Duration.ofHours(2));
      Matcher matcher = PLAIN_DONE.matcher(line);
      if (!matcher.find()) {
        throw new CliFailure("cannot read the plain loop's result from: " + line);
      }
      return matcher;
    }
  }

  /**
   * The worker's classpath, for its activities, AWS settings and logging, and this module's code,
   * where the plain loop lives so that the worker ships without it.
   */
  private static String plainLoopClasspath(String workerClasspath) {
    try {
      Path devtools =
          Path.of(PlainRepinLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return devtools + File.pathSeparator + workerClasspath;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the plain loop's class is", e);
    }
  }

  private static String peakRss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring("VmHWM:".length()).trim();
      }
    }
    return "unknown (no VmHWM in /proc/" + pid + "/status)";
  }

  /** The worker's heap as {@code jcmd GC.heap_info} reports it. */
  private static String heap(long pid) throws IOException, InterruptedException {
    Path jcmd = JavaProcess.javaBinary().resolveSibling("jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output
        .lines()
        .filter(line -> HEAP_LINE.matcher(line).matches())
        .map(String::trim)
        .findFirst()
        .orElse("unknown (jcmd GC.heap_info gave no heap line)");
  }
}
