package dev.regionfailover.devtools.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.estate.PinnedEntities;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devtools.local.LocalStack;
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
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The re-pin measurement that {@code bench repin} and {@code bench failover} share: seeds N
 * entities at home in us-east-1, re-pins them to us-west-2 through the {@code RepinEntities}
 * workflow on the local stack's worker, reads the worker's peak memory, re-seeds them and re-pins
 * them again through plain threads running the same segment movers at the same concurrency ({@link
 * PlainRepinLoop}).
 */
final class RepinComparison {

  private static final String FROM = "us-east-1";
  private static final String TO = "us-west-2";
  private static final String APP = "bench";
  private static final String AUDIT = "bench-repin-audit";
  private static final String WORKFLOW_ID = "bench-repin";
  private static final Pattern PLAIN_DONE =
      Pattern.compile("Plain re-pin done: moved=(\\d+) writes=(\\d+) millis=(\\d+)");
  private static final int SEED_THREADS = 8;

  private final LocalStack stack;
  private final WorkflowClient client;
  private final String workerClasspath;
  private final PrintWriter out;

  RepinComparison(
      LocalStack stack, WorkflowClient client, String workerClasspath, PrintWriter out) {
    this.stack = requireNonNull(stack, "stack is null");
    this.client = requireNonNull(client, "client is null");
    this.workerClasspath = requireNonNull(workerClasspath, "workerClasspath is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** Re-pins {@code entities} both ways and returns the figures; progress goes to the output. */
  RepinFigures run(int entities, int segments, int pageSize)
      throws IOException, InterruptedException {
    Pins pins =
        new Pins("bench-entities", "homeRegion", "homeRegion-index", "version", segments, pageSize);
    try (EmulatorClients aws = new EmulatorClients(stack.awsEndpoint())) {
      PinnedEntities table = new PinnedEntities(aws, TO, pins);
      table.createTable();
      table.createAuditTable(AUDIT);
      seed(table, entities);

      say("re-pinning through the RepinEntities workflow...");
      RepinEntitiesWorkflow workflow =
          client.newWorkflowStub(
              RepinEntitiesWorkflow.class,
              new StartSummary(
                      "Re-pin benchmark: every entity of bench-entities from " + FROM + " to " + TO,
                      "**RepinEntities** started by `./failover bench`, to compare the workflow"
                          + " with a plain loop over the same table.")
                  .addTo(WorkflowOptions.newBuilder())
                  .setWorkflowId(WORKFLOW_ID)
                  .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                  .build());
      long started = System.nanoTime();
      RepinSummary summary =
          workflow.run(
              new RepinPlan(APP, pins, TO, FROM, TO, AUDIT, null, null, "bench-workflow", 0));
      double workflowSeconds = (System.nanoTime() - started) / 1e9;
      List<Integer> events = historyEvents();
      ProcessMemory worker = new ProcessMemory(stack.worker().pid());
      var peak = worker.peakResidentKb();
      String heap = worker.heap();

      seed(table, entities);
      say("re-pinning through the plain loop...");
      Matcher plain = plainLoop(pins);
      return new RepinFigures(
          entities,
          summary.moved(),
          workflowSeconds,
          summary.writes(),
          summary.retried(),
          Long.parseLong(plain.group(1)),
          Long.parseLong(plain.group(3)) / 1e3,
          Long.parseLong(plain.group(2)),
          events,
          summary.runs() - 1,
          peak,
          heap);
    }
  }

  private void seed(PinnedEntities table, int entities) {
    say("seeding %d entities at home in %s...", entities, FROM);
    long started = System.nanoTime();
    table.seed(entities, FROM, SEED_THREADS);
    say("seeded in %.1f s", (System.nanoTime() - started) / 1e9);
  }

  /** The number of events of each run of the workflow, first run first. */
  private List<Integer> historyEvents() {
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

  private Matcher plainLoop(Pins pins) throws IOException {
    RepinPlan plan = new RepinPlan(APP, pins, TO, FROM, TO, AUDIT, null, null, "bench-plain", 0);
    Path log = stack.workerLog().resolveSibling("bench-plain-loop.log");
    try (JavaProcess plain =
        JavaProcess.builder(PlainRepinLoop.class.getName())
            .classpath(plainLoopClasspath())
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
  private String plainLoopClasspath() {
    try {
      Path devtools =
          Path.of(PlainRepinLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return devtools + File.pathSeparator + workerClasspath;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the plain loop's class is", e);
    }
  }

  private void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
