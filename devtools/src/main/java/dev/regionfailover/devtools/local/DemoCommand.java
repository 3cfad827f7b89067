package dev.regionfailover.devtools.local;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalConnector;
import dev.regionfailover.starter.failover.FailoverClient;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import dev.regionfailover.workflows.failover.ResultText;
import dev.regionfailover.workflows.failover.StepStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the local stack, one approved PLANNED failover of orders, and its summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Starts the local stack, runs a PLANNED failover of orders to us-west-2 with an approval,"
            + " prints its summary and stops everything.")
public final class DemoCommand implements Callable<Integer> {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /**
   * With a crash, the promotion resumes only once the killed worker's heartbeat is overdue (10 s),
   * and a fresh worker JVM takes a few seconds to start.
   */
  private static final Duration TIMEOUT_WITH_CRASH = Duration.ofSeconds(150);

  private final TemporalConnector connector;

  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions options;

  @Option(
      names = "--kill-worker",
      description =
          "Kill the worker with SIGKILL while the promotion runs, start a fresh one, and show the"
              + " failover resuming with every step run once.")
  private boolean killWorker;

  public DemoCommand(TemporalConnector connector) {
    this.connector = requireNonNull(connector, "connector is null");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStack stack = options.start(spec)) {
      out.printf(
          "Local stack up: Temporal %s, AWS %s, worker log %s%n",
          stack.temporalAddress(), stack.awsEndpoint(), stack.workerLog());
      out.println(NextSteps.ui(stack));
      out.println();
      out.flush();
      DemoScenario scenario;
      FailoverResult result;
      try (TemporalConnection connection = connector.connect(stack.temporalAddress(), "default")) {
        scenario =
            new DemoScenario(
                new FailoverClient(connection.client()),
                out,
                POLL_INTERVAL,
                killWorker ? TIMEOUT_WITH_CRASH : TIMEOUT,
                killWorker ? new LocalStackWorkerCrash(stack) : null);
        result = scenario.run();
      } catch (CliFailure e) {
        throw new CliFailure(e.getMessage() + " (the worker's log: " + stack.workerLog() + ")", e);
      }
      out.println();
      out.print(ResultText.render(result));
      out.println();
      boolean crashShown = !killWorker || crashSummary(out, scenario, result);
      out.println("Stopping the local stack.");
      out.flush();
      return result.outcome() == Phase.COMPLETED && crashShown ? ExitCode.OK : ExitCode.SOFTWARE;
    }
  }

  /** Says whether the crash happened and every step still ran once; false if either did not. */
  private boolean crashSummary(PrintWriter out, DemoScenario scenario, FailoverResult result) {
    if (scenario.killedDuring().isEmpty()) {
      out.println(
          "The worker was not killed: the failover left PROMOTE before the demo saw it running.");
      return false;
    }
    List<String> steps = result.steps().stream().map(StepStatus::name).toList();
    Set<String> seen = new HashSet<>();
    List<String> repeated = steps.stream().filter(step -> !seen.add(step)).distinct().toList();
    if (!repeated.isEmpty()) {
      out.printf(
          "The worker was killed during '%s', and these steps ran more than once: %s%n",
          scenario.killedDuring().get(), String.join(", ", repeated));
      return false;
    }
    out.printf(
        "The worker was killed with SIGKILL during '%s'; a fresh one finished the failover, and"
            + " each of its %d steps ran once.%n",
        scenario.killedDuring().get(), steps.size());
    return true;
  }
}
