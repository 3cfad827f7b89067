package dev.regionfailover.devtools.local;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dev}: runs Temporal, the AWS emulator and a worker locally until Ctrl-C, restarting the
 * worker whenever it dies.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Runs a local Temporal server, moto with the AWS stand-in, the estates' resources and a"
            + " worker until Ctrl-C. A worker that dies is restarted; Temporal keeps its history in"
            + " target/dev/temporal.db across runs.")
public final class DevCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions options;

  @Option(
      names = "--fresh",
      description = "Delete the Temporal history that earlier runs of dev kept, and start clean.")
  private boolean fresh;

  @Override
  public Integer call() throws InterruptedException {
    LocalStack stack = options.start(spec, fresh ? TemporalHistory.FRESH : TemporalHistory.KEPT);
    NextSteps.print(spec.commandLine().getOut(), stack);
    try {
      WorkerSupervisor.of(stack, WorkerSupervisor.RestartPolicy.DEV).superviseUntilStopped();
      return ExitCode.OK;
    } catch (WorkerSupervisor.GaveUp e) {
      spec.commandLine().getErr().printf("error: %s%n", e.getMessage());
      stack.close();
      return ExitCode.SOFTWARE;
    }
  }
}
