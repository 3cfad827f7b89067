package dev.regionfailover.starter.local;

import dev.regionfailover.starter.CliFailure;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.TemporalConnection;
import dev.regionfailover.starter.failover.FailoverClient;
import dev.regionfailover.starter.failover.ResultRenderer;
import dev.regionfailover.workflows.failover.FailoverResult;
import dev.regionfailover.workflows.failover.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
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

  @ParentCommand private FailoverCli cli;
  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStack stack = options.start(spec)) {
      out.printf(
          "Local stack up: Temporal %s, AWS %s, worker log %s%n%n",
          stack.temporalAddress(), stack.awsEndpoint(), stack.workerLog());
      out.flush();
      FailoverResult result;
      try (TemporalConnection connection =
          cli.connector().connect(stack.temporalAddress(), "default")) {
        result =
            new DemoScenario(new FailoverClient(connection.client()), out, POLL_INTERVAL, TIMEOUT)
                .run();
      } catch (CliFailure e) {
        throw new CliFailure(e.getMessage() + " (the worker's log: " + stack.workerLog() + ")", e);
      }
      out.println();
      out.print(ResultRenderer.render(result));
      out.println();
      out.println("Stopping the local stack.");
      out.flush();
      return result.outcome() == Phase.COMPLETED ? FailoverCli.OK : FailoverCli.FAILED;
    }
  }
}
