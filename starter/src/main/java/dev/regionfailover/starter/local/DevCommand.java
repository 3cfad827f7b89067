package dev.regionfailover.starter.local;

import dev.regionfailover.starter.FailoverCli;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dev}: runs Temporal, the AWS emulator and a worker locally until Ctrl-C. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Runs a local Temporal server, moto with the AWS stand-in, the estates' resources and a"
            + " worker until Ctrl-C.")
public final class DevCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions options;

  @Override
  public Integer call() throws InterruptedException {
    LocalStack stack = options.start(spec);
    NextSteps.print(spec.commandLine().getOut(), stack);
    while (stack.worker().isAlive()) {
      TimeUnit.SECONDS.sleep(1);
    }
    if (stack.isClosed()) {
      return FailoverCli.OK;
    }
    spec.commandLine()
        .getErr()
        .printf(
            "error: the worker exited (%s); see %s%n",
            stack.worker().exitCode().map(code -> "exit code " + code).orElse("no exit code"),
            stack.workerLog());
    stack.close();
    return FailoverCli.FAILED;
  }
}
