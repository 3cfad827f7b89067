package dev.regionfailover.starter.temporal;

import dev.regionfailover.starter.cli.Arguments;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.starter.cli.TemporalOptions;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The app a command acts on and the Temporal it reaches it through; mixed into every command that
 * talks to one app's workflows or schedules. It is open for extension so that a target with more to
 * say about its object (a schedule's name) keeps these options as they are.
 */
public class WorkflowTarget {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  /** The app, after checking that it can name one. */
  public String app() {
    return Arguments.app(command, app);
  }

  /** The command this target is mixed into, for its output and usage errors. */
  public CommandSpec command() {
    return command;
  }

  /** Where Temporal is, for messages that name it. */
  public TemporalOptions temporal() {
    return temporal;
  }

  /**
   * Sends an operator's request with a client connected to Temporal, then prints what came of it.
   * The command checks its options first, so that a wrong command line never reaches Temporal.
   *
   * @return the exit code the report chose
   */
  public <T> int send(Function<WorkflowClient, T> request, Report<T> report) {
    return report(call(request), report);
  }

  /** Prints what came of a request the command sent; returns the exit code the report chose. */
  public <T> int report(T answer, Report<T> report) {
    PrintWriter out = command.commandLine().getOut();
    int exitCode = report.print(out, answer);
    out.flush();
    return exitCode;
  }

  /** Sends a request that answers nothing, then prints {@code sent} and succeeds. */
  public int send(Consumer<WorkflowClient> request, String sent) {
    return send(
        client -> {
          request.accept(client);
          return sent + System.lineSeparator();
        },
        Report.text(line -> line));
  }

  /** What a command prints once its request was answered, and the exit code it returns. */
  @FunctionalInterface
  public interface Report<T> {
    int print(PrintWriter out, T answer);

    /** A report that prints the text the answer makes and succeeds. */
    static <T> Report<T> text(Function<T, String> text) {
      return (out, answer) -> {
        out.print(text.apply(answer));
        return ExitCode.OK;
      };
    }
  }

  /** Runs {@code action} with a client connected to Temporal, then closes the connection. */
  public <T> T call(Function<WorkflowClient, T> action) {
    try (TemporalConnection connection = temporal.connect(command)) {
      return action.apply(connection.client());
    }
  }
}
