package dev.regionfailover.devtools.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}: benchmarks that run on the local stack and print their figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs a benchmark on a local stack and prints its figures.",
    subcommands = {RepinBenchCommand.class})
public final class BenchCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "missing benchmark: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
