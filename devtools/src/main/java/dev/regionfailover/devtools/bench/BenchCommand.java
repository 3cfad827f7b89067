package dev.regionfailover.devtools.bench;

import dev.regionfailover.starter.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code bench}: benchmarks that run on the local stack and print their figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs a benchmark on a local stack and prints its figures.",
    subcommands = {FailoverBenchCommand.class, RepinBenchCommand.class, EvacuateBenchCommand.class})
public final class BenchCommand extends CommandGroup {

  public BenchCommand() {
    super("benchmark");
  }
}
